import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, connectAtlassianApp, expect, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

// Issue #16: a person's page assigns an app, and the app's Users tab says how each person's account stands in the
// app, with the reason when the app refused it.
const TOKEN = "sandbox-token-account-states-3f9b";
const ASSIGNED = { name: "Kwame Mensah", email: "kwame.mensah@halden.example" };
const REFUSED = { name: "Zara Hussain", email: "zara.hussain@halden.example" };
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, token: TOKEN });
});
test.afterAll(() => sandbox?.close());

test("a person page assigns an app; the app's Users tab shows Provisioned, and Failed with the app's reason", async ({ page, signInPage }) => {
  test.setTimeout(180_000);
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  const appId = await connectAtlassianApp(page, sandbox.baseUrl, TOKEN);
  // The app's name as the wizard shows it ("Atlassian", or "Atlassian 2" when another spec added one first).
  const appName = (
    await page
      .getByRole("heading", { level: 1 })
      .first()
      .evaluate((heading) => heading.firstChild?.textContent ?? "")
  ).trim();
  const ourApp = page.locator(`a[href="/applications/${appId}"]`);

  // The person page: Assign app lists the apps he is not assigned to directly.
  await page.goto("/users?q=kwame.mensah");
  await page.getByRole("link", { name: ASSIGNED.name }).click();
  await expect(page.getByRole("heading", { name: new RegExp(ASSIGNED.name) })).toBeVisible();
  await page.getByRole("button", { name: "Assign app" }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("menuitem", { name: appName, exact: true }).click();
  const accounts = page.getByRole("list", { name: "Accounts in apps" });
  const item = accounts.getByRole("listitem").filter({ has: ourApp });
  await expect(item).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(item).toContainText("Provisioned", { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  expect(sandbox.store.users.all().map((user) => String(user.attributes.userName))).toContain(ASSIGNED.email);
  await dismissToasts(page);
  await bothWidths(page, "person-page-apps");

  // The app refuses every create from now on; the next person assigned fails, and the Users tab says why.
  sandbox.faults.set({ serverErrorRate: 1, methods: ["POST"] });
  await page.goto(`/applications/${appId}/users?view=available&q=zara.hussain`);
  await page.getByRole("checkbox", { name: `Select ${REFUSED.name}` }).check();
  await page
    .getByRole("region", { name: "Bulk actions" })
    .getByRole("button", { name: `Assign to ${appName}` })
    .click();
  await expect(page.getByRole("row").filter({ hasText: REFUSED.name })).toHaveCount(0);

  await page.goto(`/applications/${appId}/users`);
  const people = page.getByRole("table", { name: `People assigned to ${appName}` });
  const refused = people.getByRole("row").filter({ hasText: REFUSED.name });
  await expect(async () => {
    await page.reload();
    await expect(refused).toContainText("Failed", { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  const reason = (await refused.getByRole("cell").nth(3).innerText()).replace("Failed", "").trim();
  expect(reason.length).toBeGreaterThan(10);
  await expect(people.getByRole("row").filter({ hasText: ASSIGNED.name })).toContainText("Provisioned");
  sandbox.faults.set({});
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "app-users-tab");

  // Back on the person page, a direct assignment can be taken away, after saying what happens in the app.
  await page.goto("/users?q=kwame.mensah");
  await page.getByRole("link", { name: ASSIGNED.name }).click();
  await item.getByRole("button", { name: `Unassign from ${appName}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("their account there is deactivated; nothing is deleted");
  await dialog.getByRole("button", { name: "Unassign" }).click();
  await expect(dialog).toBeHidden(); // while it is open the page behind is hidden from getByRole, so nothing would count
  await expect(item.getByRole("button", { name: `Unassign from ${appName}` })).toHaveCount(0);
  await expect(async () => {
    await page.reload();
    await expect(item).toContainText("Deactivated", { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
});
