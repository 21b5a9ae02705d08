import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, expect, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

const TOKEN = "sandbox-token-app-lifecycle";
const NAME = "Lifecycle Jira";
const RENAMED = "Lifecycle Jira (leaving)";
let sandbox: RunningSandbox;

test.afterAll(() => sandbox?.close());

test("an app is added under a chosen name, renamed, stopped and resumed, and deleted after deactivating its accounts", async ({ page, signInPage }) => {
  test.setTimeout(240_000);
  sandbox = await startSandbox({ quiet: true, token: TOKEN });
  await signInPage.goto();
  await signInPage.signIn(OWNER);

  // Add, naming the app in the dialog.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
  await page.getByRole("button", { name: "Add Atlassian" }).click();
  const addDialog = page.getByRole("dialog", { name: "Add Atlassian" });
  await expect(addDialog.getByLabel("Name")).toHaveValue(/^Atlassian( \d+)?$/);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "app-lifecycle-add-dialog");
  await addDialog.getByLabel("Name").fill("   ");
  await addDialog.getByRole("button", { name: "Add and set up" }).click();
  await expect(addDialog.getByText(/Enter a name for the app/)).toBeVisible();
  await addDialog.getByLabel("Name").fill(NAME);
  await addDialog.getByRole("button", { name: "Add and set up" }).click();
  await expect(page).toHaveURL(/provisioning\/configure$/);
  const appId = /applications\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME);

  // The rest of the wizard, with its defaults.
  await page.getByLabel("Sync endpoint").fill(sandbox.baseUrl);
  await page.getByLabel("SCIM token").fill(TOKEN);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected to" })).toBeVisible();
  await page.getByRole("link", { name: "Next: map fields" }).click();
  await expect(page.getByLabel("SCIM JSON preview")).toContainText("userName");
  await page.getByRole("button", { name: "Save and Next" }).click();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /Provisioning to .* is on/ })).toBeVisible();

  // Everyone active gets an account.
  await page.goto(`/applications/${appId}/users?view=available&status=ACTIVE`);
  await page.getByRole("checkbox", { name: "Select all people on this page" }).check();
  await page.getByRole("button", { name: /^Assign to / }).click();
  const done = page.getByText(/Assigned \d+ (person|people)\./);
  await expect(done).toBeVisible();
  const assigned = Number(/\d+/.exec(await done.innerText())![0]);
  await expect.poll(() => sandbox.store.users.size, { timeout: 60_000 }).toBe(assigned);

  // Rename, on the Settings tab.
  await page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Settings" }).click();
  // The Users tab's search box is labelled with "name" too: wait for Settings itself before typing.
  await expect(page).toHaveURL(/\/settings$/);
  await page.getByLabel("Name", { exact: true }).fill(RENAMED);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(RENAMED);

  // Stop provisioning: the badge says Paused, and the Overview says who stopped it.
  await page.getByRole("button", { name: "Stop provisioning" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Stop provisioning" }).click();
  await expect(page.getByRole("heading", { level: 1 }).getByText("Paused")).toBeVisible();
  await page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Provisioning is paused" })).toContainText(`Stopped by ${OWNER.email}.`);
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "app-lifecycle-paused");

  // Resume, from Settings: Active again.
  await page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Resume provisioning" }).click();
  await expect(page.getByRole("heading", { level: 1 }).getByText("Active")).toBeVisible();
  await dismissToasts(page);

  // Delete, deactivating first: the dialog shows the dry run's count before anything happens.
  await page.getByRole("button", { name: "Delete app…" }).click();
  const deleteDialog = page.getByRole("dialog", { name: `Delete ${RENAMED}?` });
  await expect(deleteDialog).toContainText(`${assigned} people have accounts in ${RENAMED}.`);
  await deleteDialog.getByLabel(`Deactivate them in ${RENAMED} first`).check();
  await expect(deleteDialog).toContainText(`A dry run counted ${assigned} accounts to deactivate`);
  const confirm = deleteDialog.getByRole("button", { name: `Deactivate ${assigned} accounts and delete` });
  await expect(confirm).toBeDisabled();
  await deleteDialog.getByLabel(`Type ${RENAMED} to confirm`).fill(RENAMED);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "app-lifecycle-delete-dialog");
  await confirm.click();

  await expect(page).toHaveURL(/\/applications$/, { timeout: 60_000 });
  await expect(page.getByRole("link", { name: new RegExp(RENAMED.replace(/[()]/g, "\\$&")) })).toHaveCount(0);
  expect(sandbox.store.users.all().every((user) => user.attributes.active === false)).toBe(true);
  expect((await page.request.get(`/applications/${appId}`)).status()).toBe(404);
});
