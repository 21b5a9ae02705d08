import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, expect, snapshot, test, searchFor } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

test.beforeEach(async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
});

test("an admin adds, edits, finds, deactivates and deletes a person", async ({ page }) => {
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await snapshot(page, "users-list");

  // Add, with a field error first.
  await page.getByRole("link", { name: "Add person" }).click();
  await page.getByLabel("Work e-mail").fill("not-an-email");
  await page.getByLabel("First name").fill("Rosalind");
  await page.getByLabel("Last name").fill("Franklin");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText("Enter a valid e-mail address, such as dana.lee@example.com.")).toBeVisible();
  await page.getByLabel("Work e-mail").fill("amara.okafor@halden.example");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText("This e-mail is already used by Amara Okafor.")).toBeVisible();
  await snapshot(page, "user-form-errors");
  await page.getByLabel("Work e-mail").fill("Rosalind.Franklin@Halden.example");
  await page.getByLabel("Job title").fill("Research Scientist");
  await page.getByLabel("Department", { exact: true }).fill("Research");
  await page.getByLabel("Time zone").fill("Europe/London");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { name: /Rosalind Franklin/ })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "rosalind.franklin@halden.example" })).toBeVisible();

  // Edit: the change shows in the history.
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Job title").fill("Lead Research Scientist");
  await page.getByRole("button", { name: "Save changes" }).click();
  const change = page.getByRole("row").filter({ hasText: "Changed the job title of Rosalind Franklin" });
  await expect(change).toContainText("Job title: Research Scientist → Lead Research Scientist");
  await snapshot(page, "user-detail");

  // Search finds her regardless of case.
  await page.goto("/users");
  await searchFor(page, "Search people by name or e-mail", "FRANKLIN");
  await expect(page.getByRole("link", { name: "Rosalind Franklin" })).toBeVisible();
  await expect(page.getByText("1 person match")).toBeVisible();
  await snapshot(page, "users-search");

  // Deactivate from the row menu, with a confirmation.
  await page.getByRole("button", { name: "Actions for Rosalind Franklin" }).click();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  await expect(page.getByText("Deactivated 1 person.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Rosalind Franklin/ }).getByText("Deactivated")).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).selectOption("INACTIVE");
  await expect(page).toHaveURL(/status=INACTIVE/);
  await expect(page.getByRole("link", { name: "Rosalind Franklin" })).toBeVisible();

  // Delete from the bulk bar; the dialog says what happens in apps.
  await page.getByRole("checkbox", { name: "Select Rosalind Franklin" }).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  // What happens in apps depends on whether any are connected (other specs may have added one).
  await expect(dialog).toContainText(/No applications are connected, so nothing changes outside Roster\.|In connected apps whose Delete users action is on/);
  await snapshot(page, "users-delete-confirm");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Deleted 1 person.")).toBeVisible();
  await expect(page.getByText("No one matches")).toBeVisible();

  // The audit log kept the whole story.
  await page.goto("/audit-log");
  for (const action of [
    "Deleted Rosalind Franklin from the directory",
    "Deactivated Rosalind Franklin",
    "Changed the job title of Rosalind Franklin",
    "Added Rosalind Franklin to the directory",
  ]) {
    await expect(page.getByRole("row").filter({ hasText: action }).filter({ hasText: "rosalind.franklin@halden.example" }).first()).toBeVisible();
  }
});

test("names with markup are shown as text", async ({ page }) => {
  await page.goto("/users/new");
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await page.getByLabel("Work e-mail").fill("markup.test@halden.example");
  await page.getByLabel("First name").fill("<script>alert(1)</script>");
  await page.getByLabel("Last name").fill("<b>Bold</b>");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { name: "<script>alert(1)</script> <b>Bold</b>" })).toBeVisible();
  await page.goto("/users?q=markup");
  await expect(page.getByRole("link", { name: "<script>alert(1)</script> <b>Bold</b>" })).toBeVisible();
  expect(dialogs).toBe(0);
});

test("the list shows each person's apps, assigns and unassigns one from the row menu, and keeps the selection bar in reach", async ({ page }) => {
  const person = { name: "Tabitha Tables", email: "tabitha.tables@halden.example" };
  // A draft app is enough to assign people to. A second app from the same catalog entry gets a number ("… 2").
  await page.goto("/applications");
  await page.getByRole("button", { name: "Add Custom SCIM 2.0 app" }).click();
  // A name no other journey uses, so the menus below can tell this app apart.
  const appName = "Chips Table App";
  const addDialog = page.getByRole("dialog", { name: "Add Custom SCIM 2.0 app" });
  await addDialog.getByLabel("Name").fill(appName);
  await addDialog.getByRole("button", { name: "Add and set up" }).click();
  await expect(page).toHaveURL(/provisioning\/configure$/);
  await page.goto("/users/new");
  await page.getByLabel("Work e-mail").fill(person.email);
  await page.getByLabel("First name").fill("Tabitha");
  await page.getByLabel("Last name").fill("Tables");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(person.name) })).toBeVisible();

  await page.goto("/users?q=tabitha.tables");
  const row = page.getByRole("row", { name: new RegExp(person.name) });
  await expect(row.getByText("No apps")).toBeVisible();

  // Assign from the row menu: the chip appears.
  await row.getByRole("button", { name: `Actions for ${person.name}` }).click();
  // By keyboard: the submenu opens with the right arrow, and Enter picks the app.
  await page.getByRole("menuitem", { name: "Assign to app" }).press("ArrowRight");
  await page.getByRole("menuitem", { name: appName, exact: true }).press("Enter");
  const chips = row.getByRole("list", { name: "Apps" });
  await expect(chips.getByText(appName, { exact: true })).toBeVisible();
  await expect(chips).toContainText("(Directly)");

  // The table with a row menu and its app submenu open passes axe.
  await dismissToasts(page);
  await row.getByRole("button", { name: `Actions for ${person.name}` }).click();
  await page.getByRole("menuitem", { name: "Unassign from app" }).press("ArrowRight");
  await expect(page.getByRole("menuitem", { name: appName, exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Unassign from the same menu: only the apps she has directly are offered.
  await page.getByRole("menuitem", { name: appName, exact: true }).press("Enter");
  await expect(row.getByText("No apps")).toBeVisible();

  // A full page of people: the selection bar stays on screen at the top and at the bottom of the list.
  await page.goto("/users");
  const rows = page.getByRole("table", { name: "People" }).getByRole("row");
  await expect(rows).toHaveCount(51); // the header and a page of 50
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toHaveCount(0);
  await rows.nth(1).getByRole("checkbox").check();
  await expect(bar).toContainText("1 selected");
  await expect(bar).toBeInViewport();
  await rows.last().scrollIntoViewIfNeeded();
  await expect(rows.last()).toBeInViewport();
  await expect(bar).toBeInViewport();
  await expect(bar.getByRole("button", { name: "Delete" })).toBeInViewport();

  // Select the page, then everything matching; Clear empties it.
  await page.getByRole("checkbox", { name: "Select all people on this page" }).check();
  await expect(bar).toContainText("50 selected");
  await bar.getByRole("button", { name: /^Select all \d+ matching people$/ }).click();
  await expect(bar).toContainText(/\d+ selected \(all matching\)/);
  await bothWidths(page, "users-list-selection");
  await bar.getByRole("button", { name: "Clear selection" }).click();
  await expect(bar).toHaveCount(0);

  await page.setViewportSize({ width: 390, height: 844 });
  const widest = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(widest).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1440, height: 900 });
  await bothWidths(page, "users-list");
});
