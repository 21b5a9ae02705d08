import type { Locator, Page } from "@playwright/test";
import { ADMIN, OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, expect, test, type SignInPage } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

// People only this spec uses; the tag keeps their e-mails apart from an earlier run's on a kept database.
const TAG = Date.now().toString(36);
const WREN = { first: "Wren", last: "Castellano", email: `wren.castellano.${TAG}@halden.example` };
const WREN_PASSWORD = "wren-first-password-1";
const WREN_NEW_PASSWORD = "wren-second-password-2";

async function signIn(page: Page, signInPage: SignInPage, account: { email: string; password: string }) {
  await signInPage.goto();
  await signInPage.signIn(account);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
}

async function addPerson(page: Page, person: typeof WREN) {
  await page.goto("/users/new");
  await page.getByLabel("Work e-mail").fill(person.email);
  await page.getByLabel("First name").fill(person.first);
  await page.getByLabel("Last name").fill(person.last);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`${person.first} ${person.last}`) })).toBeVisible();
}

const rowOf = (page: Page, email: string): Locator => page.getByRole("list", { name: "Admins" }).getByRole("listitem").filter({ hasText: email });
const permissionsOf = (row: Locator, name: string) => row.getByRole("list", { name: `Permissions of ${name}` });

test("an Owner makes a person an Admin, changes their permissions, invites them by a one-time link, and revokes them", async ({
  page,
  signInPage,
  freshPage,
}) => {
  test.setTimeout(180_000);
  await signIn(page, signInPage, OWNER);
  await addPerson(page, WREN);
  const name = `${WREN.first} ${WREN.last}`;

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admins" }).click();
  await expect(page.getByRole("heading", { name: "Admins", level: 1 })).toBeVisible();
  await expect(rowOf(page, OWNER.email).getByText("Owner", { exact: true })).toBeVisible();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);

  // Add admin: find the person, then choose two of the four permissions.
  await page.getByRole("button", { name: "Add admin" }).click();
  let dialog = page.getByRole("dialog", { name: "Add an admin" });
  await dialog.getByRole("searchbox", { name: "Search people" }).fill(WREN.email);
  await dialog.getByRole("radio", { name: new RegExp(name) }).check();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole("button", { name: "Next: choose access" }).click();
  dialog = page.getByRole("dialog", { name: `What may ${name} do?` });
  await expect(dialog.getByRole("radio", { name: /^Admin/ })).toBeChecked();
  await dialog.getByRole("checkbox", { name: /^Import users/ }).uncheck();
  await dialog.getByRole("checkbox", { name: /^Manage users/ }).uncheck();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole("button", { name: "Give admin access" }).click();
  await expect(dialog).toBeHidden();
  let row = rowOf(page, WREN.email);
  await expect(permissionsOf(row, name).getByRole("listitem")).toHaveText(["View apps", "Assign apps"]);
  await expect(row.getByText("No password yet: create an invite link")).toBeVisible();

  // Change access: Manage users instead of Assign apps.
  await row.getByRole("button", { name: "Change access" }).click();
  dialog = page.getByRole("dialog", { name: `Change ${name}'s access` });
  await dialog.getByRole("checkbox", { name: /^Assign apps/ }).uncheck();
  await dialog.getByRole("checkbox", { name: /^Manage users/ }).check();
  await dialog.getByRole("button", { name: "Save access" }).click();
  await expect(dialog).toBeHidden();
  await expect(permissionsOf(row, name).getByRole("listitem")).toHaveText(["View apps", "Manage users"]);

  // An invite link, shown once.
  await row.getByRole("button", { name: "Invite link" }).click();
  dialog = page.getByRole("dialog", { name: `Create an invite link for ${name}?` });
  await dialog.getByRole("button", { name: "Create link" }).click();
  dialog = page.getByRole("dialog", { name: `Invite link for ${name}` });
  const linkField = dialog.getByRole("textbox", { name: "Invite link" });
  await expect(linkField).toHaveValue(/\/set-password\/[A-Za-z0-9_-]{43}$/);
  const link = await linkField.inputValue();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "admins-link-dialog");
  await dialog.getByRole("button", { name: "Done" }).click();
  row = rowOf(page, WREN.email);
  await expect(row.getByText(/Invite link open until/)).toBeVisible();
  await dismissToasts(page);
  await bothWidths(page, "admins");

  // The invited person, in a browser of their own, sets a password through the link and is signed in.
  const wren = await freshPage();
  await wren.goto(link);
  await expect(wren.getByRole("heading", { name: "Welcome! Choose your password" })).toBeVisible();
  await expect(wren.getByText(WREN.email)).toBeVisible();
  await expectNoSeriousA11yViolations(wren);
  await bothWidths(wren, "set-password");
  await wren.getByLabel("New password", { exact: true }).fill(WREN_PASSWORD);
  await wren.getByLabel("New password again").fill("something-else-entirely");
  await wren.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(wren.getByText("The two passwords do not match.")).toBeVisible();
  await wren.getByLabel("New password again").fill(WREN_PASSWORD);
  await wren.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(wren.getByRole("heading", { name: "Welcome back, Wren" })).toBeVisible();

  // The same link again is refused, in plain words.
  const again = await freshPage();
  await again.goto(link);
  await expect(again.getByText("This link has expired or was already used. Ask an admin of your organization for a new one.")).toBeVisible();
  await expect(again.getByLabel("New password", { exact: true })).toHaveCount(0);

  // Signed in elsewhere with the new password, then changing it from the account menu ends that other session.
  const elsewhere = await freshPage();
  await elsewhere.goto("/sign-in");
  await elsewhere.getByLabel("Work e-mail").fill(WREN.email);
  await elsewhere.getByLabel("Password").fill(WREN_PASSWORD);
  await elsewhere.getByRole("button", { name: "Sign in" }).click();
  await expect(elsewhere.getByRole("heading", { name: "Welcome back, Wren" })).toBeVisible();

  await wren.getByRole("button", { name: "Account menu" }).click();
  await expectNoSeriousA11yViolations(wren);
  await wren.getByRole("menuitem", { name: "Change password" }).click();
  await expect(wren.getByRole("heading", { name: "Change password", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(wren);
  await wren.getByLabel("Current password").fill("not-my-password-at-all");
  await wren.getByLabel("New password", { exact: true }).fill(WREN_NEW_PASSWORD);
  await wren.getByLabel("New password again").fill(WREN_NEW_PASSWORD);
  await wren.getByRole("button", { name: "Change password" }).click();
  await expect(wren.getByText("That is not your current password.")).toBeVisible();
  await bothWidths(wren, "account-password");
  await wren.getByLabel("Current password").fill(WREN_PASSWORD);
  await wren.getByRole("button", { name: "Change password" }).click();
  await expect(wren.getByText("Your password is changed. We signed you out of 1 other session.")).toBeVisible();
  await elsewhere.goto("/users");
  await expect(elsewhere.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();

  // Revoked: the row goes, and Wren's session ends at once.
  await page.goto("/admins");
  row = rowOf(page, WREN.email);
  await row.getByRole("button", { name: "Revoke" }).click();
  dialog = page.getByRole("dialog", { name: `Revoke ${name}'s admin access?` });
  await expect(dialog.getByText(/signed out everywhere at once/)).toBeVisible();
  await dialog.getByRole("button", { name: "Revoke access" }).click();
  // The dialog stays open while the revoke runs, and an open dialog hides the page behind it from the accessibility
  // tree, so the row would count as gone before the revoke has even committed: wait for the dialog to close first.
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, WREN.email)).toHaveCount(0);
  await wren.goto("/users");
  await expect(wren.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
});

test("an Admin who is not an Owner sees no Admins link and gets the no-access page at /admins", async ({ page, signInPage }) => {
  await signInPage.goto();
  await expect(page.getByText("Forgot your password? Ask an Owner of your organization for a reset link.")).toBeVisible();
  await signIn(page, signInPage, ADMIN);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admins" })).toHaveCount(0);
  await page.goto("/admins");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add admin" })).toHaveCount(0);
});
