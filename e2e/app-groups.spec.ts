import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { APP_GROUPS } from "./support/app-groups-data";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, connectAtlassianApp, expect, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

// Issue #15: an app is assigned to a whole group from its Users tab; the tab lists the group's members with how they
// got the app ("Via Field Engineering", "Directly · via Field Engineering"), and removing the group says first who
// loses access.
const TOKEN = "sandbox-token-groups-3c9d";
const GROUP = APP_GROUPS.assigned;
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, token: TOKEN });
});
test.afterAll(() => sandbox?.close());

test("assign a group to an app, see its members listed via the group, and remove it after being told who loses access", async ({ page, signInPage }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  const appId = await connectAtlassianApp(page, sandbox.baseUrl, TOKEN);

  // Mei has the app directly as well.
  await page.goto(`/applications/${appId}/users?view=available&q=tanaka`);
  await page.getByRole("checkbox", { name: "Select Mei Tanaka" }).check();
  await page.getByRole("button", { name: /^Assign to / }).click();
  await expect(page.getByText("Assigned 1 person.")).toBeVisible();

  await page.goto(`/applications/${appId}/users`);
  const groups = page.getByRole("list", { name: /^Groups assigned to / });
  await expect(page.getByText("No groups are assigned.")).toBeVisible();
  await page.getByRole("button", { name: "Assign group" }).click();
  const dialog = page.getByRole("dialog", { name: /^Assign groups to / });
  await dialog.getByRole("searchbox", { name: "Search groups by name" }).fill("field");
  await expect(dialog.getByRole("checkbox", { name: new RegExp(GROUP.name) })).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: new RegExp(APP_GROUPS.other.name) })).toHaveCount(0);
  await dialog.getByRole("checkbox", { name: new RegExp(GROUP.name) }).check();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByText(`Assigned ${GROUP.name} to`)).toContainText("2 people get access");
  await expect(dialog).toHaveCount(0);

  await expect(groups.getByRole("listitem")).toHaveCount(1);
  await expect(groups.getByRole("listitem").first()).toContainText(`${GROUP.name}3 members`);
  const people = page.getByRole("table");
  await expect(people.getByRole("row").filter({ hasText: "Amara Okafor" })).toContainText(`Via ${GROUP.name}`);
  await expect(people.getByRole("row").filter({ hasText: "Lukas Brandt" })).toContainText(`Via ${GROUP.name}`);
  await expect(people.getByRole("row").filter({ hasText: "Mei Tanaka" })).toContainText(`Directly · via ${GROUP.name}`);
  await expect(page.getByRole("link", { name: "Assigned (3)" })).toBeVisible();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "app-groups-1-users-tab");

  // Mei keeps the app through the group when her direct assignment goes.
  await people.getByRole("checkbox", { name: "Select Mei Tanaka" }).check();
  await page.getByRole("button", { name: "Unassign" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unassign" }).click();
  await expect(page.getByText(`Mei Tanaka: still has access via ${GROUP.name}`)).toBeVisible();
  await expect(people.getByRole("row").filter({ hasText: "Mei Tanaka" })).toContainText(`Via ${GROUP.name}`);
  await expect(people.getByRole("row").filter({ hasText: "Mei Tanaka" })).not.toContainText("Directly");
  await dismissToasts(page);

  // Removing the group: the confirmation counts who loses access.
  await groups.getByRole("button", { name: `Remove ${GROUP.name}` }).click();
  const confirm = page.getByRole("dialog", { name: new RegExp(`^Remove ${GROUP.name} from .+\\?$`) });
  await expect(confirm).toContainText(`All 3 people in ${GROUP.name} lose access`);
  await expect(confirm).toContainText("sync actions then apply");
  await bothWidths(page, "app-groups-2-remove-confirmation");
  await confirm.getByRole("button", { name: "Remove group" }).click();
  await expect(page.getByText(new RegExp(`^Removed ${GROUP.name} from .+: 3 people lost access\\.$`))).toBeVisible();
  await expect(page.getByText("No groups are assigned.")).toBeVisible();
  await expect(page.getByText("No one is assigned yet")).toBeVisible();
});

test("a CSV file's Groups column: the preview says which groups rows join and which don't exist yet, and the import creates them when asked", async ({
  page,
  signInPage,
}) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  const stamp = Date.now().toString(36);
  const newGroup = `Night Shift ${stamp}`;
  const csv = [
    "E-mail,First name,Last name,Groups",
    `nora.${stamp}@import.example,Nora,Lind,platform guild; ${newGroup}`,
    `olav.${stamp}@import.example,Olav,Dahl,${APP_GROUPS.other.name}`,
  ].join("\r\n");
  await page.goto("/users/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "groups.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check file" }).click();

  await expect(page.getByRole("heading", { name: "Check the file before importing" })).toBeVisible();
  const joined = page.getByRole("region", { name: "Existing groups to join" });
  await expect(joined).toContainText(`${APP_GROUPS.other.name}: 2 people`);
  const unknown = page.getByRole("region", { name: "Groups that don't exist yet" });
  await expect(unknown).toContainText(`${newGroup}: named by 1 person`);
  const note = page.getByRole("row").filter({ hasText: "This group does not exist yet" });
  await expect(note).toContainText("Line 2");
  await expect(note).toContainText("New groups");
  await expect(page.getByRole("row").filter({ hasText: "Nora Lind" })).toContainText(`${APP_GROUPS.other.name}, ${newGroup} (doesn't exist yet)`);
  const create = page.getByRole("checkbox", { name: "Create groups that don't exist yet" });
  await expect(create).not.toBeChecked();
  await expect(page.getByRole("button", { name: "Import 1 person" })).toBeVisible();
  await expect(page.getByText("Left off, the 1 row naming groups that don't exist yet is not imported")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "app-groups-3-csv-preview");

  await expect(async () => {
    await create.check();
    await expect(page.getByText(/will be created, with the people who name it as members/)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await page.getByRole("button", { name: "Import 2 people" }).click();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible();
  await expect(page.getByText("2 people were added to the directory")).toBeVisible();
  await expect(unknown).toContainText("They were created.");
});
