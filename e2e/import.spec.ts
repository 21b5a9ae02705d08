import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { ensurePaidPlan, expect, snapshot, test } from "./support/fixtures";

const TOKEN = "import-sandbox-token-1";
let sandbox: RunningSandbox;

function appUser(email: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: email,
    name: { givenName: "App", familyName: "User" },
    emails: [{ value: email, type: "work", primary: true }],
    active: true,
    ...extra,
  };
}

test.beforeAll(async () => {
  sandbox = await startSandbox({
    quiet: true,
    token: TOKEN,
    seedUsers: [
      appUser("newcomer.one@halden.example", { name: { givenName: "Nina", familyName: "Newcomer" } }),
      appUser("newcomer.two@halden.example", { name: { givenName: "Noel", familyName: "Newcomer" } }),
      // Matches a directory person, with another job title: Update and Activate.
      appUser("lukas.brandt@halden.example", { name: { givenName: "Lukas", familyName: "Brandt" }, title: "Principal Engineer" }),
    ],
  });
});
test.afterAll(() => sandbox.close());

test("an Owner imports the app's users from the wizard's last step", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await ensurePaidPlan(page);

  // A quick pass through the wizard.
  await page.goto("/applications");
  await page.getByRole("button", { name: "Add Custom SCIM 2.0 app" }).click();
  await page.getByLabel("Sync endpoint").fill(sandbox.baseUrl);
  await page.getByLabel("SCIM token").fill(TOKEN);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/provisioning\/authorize$/);
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await page.getByRole("link", { name: "Next: map fields" }).click();
  await expect(page.getByLabel("SCIM JSON preview")).toContainText("userName");
  await page.getByRole("button", { name: "Save and Next" }).click();
  await expect(page).toHaveURL(/provisioning\/actions$/);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "is on" })).toBeVisible();

  // The last step offers the import.
  await page.getByRole("link", { name: /^Import users from/ }).click();
  await page.getByRole("button", { name: /^Fetch users from/ }).click();
  const filters = page.getByRole("navigation", { name: "Import filters" });
  await expect(filters.getByRole("link", { name: /New users/ })).toContainText("2", { timeout: 30_000 });
  await expect(filters.getByRole("link", { name: /Update user/ })).toContainText("1");
  await snapshot(page, "import-all");

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

  // Confirm all new users.
  await filters.getByRole("link", { name: /New users/ }).click();
  await page.getByRole("button", { name: /Select all 2 in/ }).click();
  await page.getByRole("button", { name: "Confirm Assignment" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm Assignment" }).click();
  await expect(page.getByText("Import applied.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Created 2/)).toBeVisible();
  await snapshot(page, "import-summary");
  await page.getByRole("link", { name: "Done", exact: true }).click();

  // They are in the directory now, assigned to the app.
  await page.goto("/users?q=newcomer");
  await expect(page.getByRole("link", { name: "Nina Newcomer" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Noel Newcomer" })).toBeVisible();
  expect(sandbox.store.users.size).toBe(3);
});
