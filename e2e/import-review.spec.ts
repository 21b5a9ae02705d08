import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { appUser } from "./support/app-users";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, connectApp, ensurePaidPlan, expect, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

const TOKEN = "import-review-sandbox-token-1";
let sandbox: RunningSandbox;

/**
 * The app has three people Roster lacks (New), two seeded people with another job title (Update and Activate:
 * the tabs overlap), and one whose e-mail differs from the directory's only in letter case (Activate only).
 */
test.beforeAll(async () => {
  sandbox = await startSandbox({
    quiet: true,
    token: TOKEN,
    seedUsers: [
      appUser("reviewer.one@halden.example", { givenName: "Rhea", familyName: "Reviewone" }),
      appUser("reviewer.two@halden.example", { givenName: "Rory", familyName: "Reviewtwo" }),
      appUser("reviewer.three@halden.example", { givenName: "Remy", familyName: "Reviewthree" }),
      appUser("ruth.abebe@halden.example", { givenName: "Ruth", familyName: "Abebe" }, { title: "Chief Review Officer" }),
      appUser("maya.patel@halden.example", { givenName: "Maya", familyName: "Patel" }, { title: "Review Lead" }),
      appUser("Jonas.Weber@Halden.Example", { givenName: "Jonas", familyName: "Weber" }),
    ],
  });
});
test.afterAll(() => sandbox.close());

test("the import review counts what is left, and the confirm dialog states exactly what a selection does", async ({ page, signInPage }) => {
  test.setTimeout(180_000);
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await ensurePaidPlan(page);

  await connectApp(page, "Custom SCIM 2.0 app", sandbox.baseUrl, TOKEN);
  await page.getByRole("link", { name: /^Import users from/ }).click();
  await page.getByRole("button", { name: /^Fetch users from/ }).click();

  // The tabs overlap, and the page says so with the exact figure.
  const filters = page.getByRole("navigation", { name: "Import filters" });
  const tab = (name: string) => filters.getByRole("link", { name: new RegExp(name) });
  await expect(tab("New users")).toContainText("3", { timeout: 30_000 });
  await expect(tab("All users")).toContainText("6");
  await expect(tab("Update user")).toContainText("2");
  await expect(tab("Users to activate")).toContainText("3");
  await expect(page.getByText("2 people here do, so the tabs add up to 2 more than All.")).toBeVisible();
  // A case-only difference in the e-mail is not an update.
  const jonas = page.getByRole("row", { name: /Jonas Weber/ });
  await expect(jonas.getByText("Activate", { exact: true })).toBeVisible();
  await expect(jonas.getByText("Update", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Select all 6 still to import in “All users”" })).toBeVisible();
  await dismissToasts(page);
  await bothWidths(page, "import-review");

  // A subset: one new person, one to update and activate, one to activate.
  await page.getByRole("checkbox", { name: "Select Rhea Reviewone" }).check();
  await page.getByRole("checkbox", { name: "Select Ruth Abebe" }).check();
  await page.getByRole("checkbox", { name: "Select Jonas Weber" }).check();
  await expect(page.getByText("3 selected")).toBeVisible();
  await page.getByRole("button", { name: "Confirm Assignment" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: /^Import 3 people from / })).toBeVisible();
  const preview = dialog.getByTestId("import-preview");
  await expect(preview).toContainText(/Import 3 people: 1 new person created in Roster, 1 updated from .+, 3 assigned .+ \(the new person among them\)\./);
  // What reaches the app: only Roster's id on the three accounts, never the case of Jonas's e-mail.
  // (Attributes the directory has and the app lacks, such as the time zone, are filled in; the dialog lists them.)
  const sent = dialog.getByTestId("import-preview-sent");
  await expect(sent.getByRole("listitem")).toHaveCount(1);
  await expect(sent.getByRole("listitem")).toContainText(/^3 accounts updated: .*Roster's id \(externalId\)/);
  await expect(sent).not.toContainText("Username");
  await expect(sent).not.toContainText("Primary e-mail");
  await expect(dialog.getByRole("button", { name: "Confirm Assignment" })).toBeEnabled();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "import-review-dialog");

  await dialog.getByRole("button", { name: "Confirm Assignment" }).click();
  await expect(page.getByText("Import applied.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Created 1, updated 1, assigned 3, unassigned 0/)).toBeVisible();

  // Without a reload: the tabs count what is left, the applied rows say so, and "Select all" takes only the rest.
  await expect(tab("All users")).toContainText("3");
  await expect(tab("New users")).toContainText("2");
  await expect(tab("Update user")).toContainText("1");
  await expect(tab("Users to activate")).toContainText("1");
  await expect(page.getByText(/3 people already applied/)).toBeVisible();
  await expect(page.getByText("1 person here does, so the tabs add up to 1 more than All.")).toBeVisible();
  await expect(jonas.getByText("Applied", { exact: true })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Select Jonas Weber" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Select all 3 still to import in “All users”" })).toBeVisible();
  await expect(page.getByText("Select users to import, or all in this filter.")).toBeVisible();

  // The app got what the dialog said, and Jonas's e-mail keeps its case there.
  await expect.poll(() => sandbox.stats.snapshot().byMethod.PATCH ?? 0, { timeout: 20_000 }).toBe(3);
  expect(sandbox.store.users.findByUserName("Jonas.Weber@Halden.Example")?.attributes.userName).toBe("Jonas.Weber@Halden.Example");
  expect(sandbox.stats.snapshot().byMethod.POST ?? 0).toBe(0);
});
