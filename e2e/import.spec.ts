import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { appUser } from "./support/app-users";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, connectApp, ensurePaidPlan, expect, snapshot, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

const TOKEN = "import-sandbox-token-1";
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  sandbox = await startSandbox({
    quiet: true,
    token: TOKEN,
    seedUsers: [
      appUser("newcomer.one@halden.example", { givenName: "Nina", familyName: "Newcomer" }),
      appUser("newcomer.two@halden.example", { givenName: "Noel", familyName: "Newcomer" }),
      // Matches a directory person, with another job title: Update and Activate.
      appUser("lukas.brandt@halden.example", { givenName: "Lukas", familyName: "Brandt" }, { title: "Principal Engineer" }),
    ],
  });
  // The app's groups: Nina is in four (more than the review shows at once), Noel in one, Lukas in one.
  const ids = (...emails: string[]) => emails.map((email) => ({ value: sandbox.store.users.findByUserName(email)!.id }));
  const groups: [string, string[]][] = [
    ["Night Shift", ["newcomer.one@halden.example", "newcomer.two@halden.example"]],
    ["Field Ops", ["newcomer.one@halden.example"]],
    ["Platform Team", ["newcomer.one@halden.example", "lukas.brandt@halden.example"]],
    ["Harbour Crew", ["newcomer.one@halden.example"]],
  ];
  for (const [displayName, members] of groups) sandbox.store.groups.create({ displayName, members: ids(...members) }, new Date());
});
test.afterAll(() => sandbox.close());

test("an Owner imports the app's users from the wizard's last step", async ({ page, signInPage }) => {
  test.setTimeout(180_000);
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await ensurePaidPlan(page);

  // A quick pass through the wizard.
  await connectApp(page, "Custom SCIM 2.0 app", sandbox.baseUrl, TOKEN);

  // The last step offers the import.
  await page.getByRole("link", { name: /^Import users from/ }).click();
  await page.getByRole("button", { name: /^Fetch users from/ }).click();
  const filters = page.getByRole("navigation", { name: "Import filters" });
  await expect(filters.getByRole("link", { name: /New users/ })).toContainText("2", { timeout: 30_000 });
  await expect(filters.getByRole("link", { name: /Update user/ })).toContainText("1");
  await snapshot(page, "import-all");

  // Each user's groups in the app: the first three as chips, the rest behind "+1".
  const nina = page.getByRole("row", { name: /Nina Newcomer/ });
  for (const group of ["Night Shift", "Field Ops", "Platform Team"]) await expect(nina.getByText(group, { exact: true })).toBeVisible();
  await expect(nina.getByText("Harbour Crew", { exact: true })).toBeHidden();
  await nina.getByText("+1").click();
  await expect(nina.getByText("Harbour Crew", { exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /Noel Newcomer/ }).getByText("Night Shift", { exact: true })).toBeVisible();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "import-groups");

  // The search finds people by their groups in the app.
  await page.getByRole("searchbox", { name: "Search the app's users" }).fill("platform team");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=platform\+team/);
  await expect(page.getByRole("row", { name: /Lukas Brandt/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Nina Newcomer/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Noel Newcomer/ })).toHaveCount(0);
  await page.goto(page.url().replace(/\?.*$/, ""));

  for (const [name, file] of [
    ["New users", "import-new"],
    ["Update user", "import-update"],
    ["Users to activate", "import-activate"],
    ["Users to deactivate", "import-deactivate"],
  ] as const) {
    await filters.getByRole("link", { name: new RegExp(name) }).click();
    await expect(filters.getByRole("link", { name: new RegExp(name) })).toHaveAttribute("aria-current", "page");
    await snapshot(page, file);
  }

  // The diff shows the directory's value and the app's.
  await filters.getByRole("link", { name: /Update user/ }).click();
  await page.getByText("1 field differs").click();
  await expect(page.getByText("Principal Engineer")).toBeVisible();
  await snapshot(page, "import-diff");

  // Confirm all new users, adding them to their groups (off unless ticked).
  await filters.getByRole("link", { name: /New users/ }).click();
  await page.getByRole("button", { name: /Select all 2 still to import in/ }).click();
  await page.getByRole("button", { name: "Confirm Assignment" }).click();
  const dialog = page.getByRole("dialog");
  const joinGroups = dialog.getByRole("checkbox", { name: /^Add imported people to their .+ groups in Roster \(creating the groups that don't exist yet\)$/ });
  await expect(joinGroups).not.toBeChecked();
  await joinGroups.check();
  // The figures are worked out again for the choice; Confirm is enabled once they are in.
  await expect(dialog.getByRole("button", { name: "Confirm Assignment" })).toBeEnabled();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "import-confirm-groups");
  await dialog.getByRole("button", { name: "Confirm Assignment" }).click();
  await expect(page.getByText("Import applied.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Created 2/)).toBeVisible();
  await expect(page.getByText(/4 groups created, 5 group memberships added/)).toBeVisible();
  await snapshot(page, "import-summary");
  await page.getByRole("link", { name: "Done", exact: true }).click();

  // They are in the directory now, assigned to the app.
  await page.goto("/users?q=newcomer");
  await expect(page.getByRole("link", { name: "Nina Newcomer" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Noel Newcomer" })).toBeVisible();
  expect(sandbox.store.users.size).toBe(3);

  // Their groups are in the directory now, with them in it.
  await page.goto("/groups");
  for (const group of ["Night Shift", "Field Ops", "Platform Team", "Harbour Crew"])
    await expect(page.getByRole("link", { name: group, exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Night Shift", exact: true }).click();
  await expect(page.getByRole("link", { name: "Nina Newcomer" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Noel Newcomer" })).toBeVisible();
  await page.goto("/groups");
  await page.getByRole("link", { name: "Platform Team", exact: true }).click();
  await expect(page.getByRole("link", { name: "Nina Newcomer" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Lukas Brandt" })).toHaveCount(0);
});
