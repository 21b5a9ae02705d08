import type { Page } from "@playwright/test";
import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, connectAtlassianApp, expect, switchOn, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

// Issue #15, group push: an admin turns on Push groups, makes a group of three on /groups and assigns it to Atlassian.
// The people and the group, with exactly them as members, appear in the app (read through the sandbox's admin
// endpoints), and the log says so; taking a person out of the group deactivates them there and takes them out of the
// app's group. A group whose name the app manages itself shows as a conflict, and the dry run lists the change it wants.
const TOKEN = "sandbox-token-group-push-8b4e";
const GROUP = "Release Crew";
const PEOPLE = [
  { name: "Freya Larsen", email: "freya.larsen@halden.example", search: "larsen" },
  { name: "Hiro Watanabe", email: "hiro.watanabe@halden.example", search: "watanabe" },
  { name: "Victor Moreau", email: "victor.moreau@halden.example", search: "moreau" },
] as const;
const LEAVER = PEOPLE[2];
/** A group named like one the app's site admins made outside SCIM: Roster may find it but not change it. */
const SITE_GROUP = "Site Admins";
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, token: TOKEN });
});
test.afterAll(() => sandbox?.close());

/** The sandbox's admin endpoints (lib/sandbox/admin-endpoint.ts), over HTTP as any client of the app would read it. */
async function sandboxAdmin<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${sandbox.origin}/__sandbox/${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${sandbox.adminToken}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`The sandbox answered ${response.status} to ${init.method ?? "GET"} /__sandbox/${path}: ${await response.text()}`);
  return (await response.json()) as T;
}

interface SandboxUser {
  id: string;
  userName: string;
  active: boolean;
}
interface SandboxGroup {
  id: string;
  displayName: string;
  siteGroup: boolean;
}

/** The app's users by user name: whether each exists and is active. */
async function remoteUsers(): Promise<Record<string, boolean>> {
  const users = await sandboxAdmin<SandboxUser[]>("users");
  return Object.fromEntries(users.map((user) => [user.userName, user.active]));
}

/** The user names of the app's group's members, sorted; null while the app has no such group. */
async function remoteMembers(displayName: string): Promise<string[] | null> {
  const group = (await sandboxAdmin<SandboxGroup[]>("groups")).find((candidate) => candidate.displayName === displayName);
  if (!group) return null;
  const [ids, users] = await Promise.all([sandboxAdmin<string[]>(`groups/${encodeURIComponent(group.id)}/members`), sandboxAdmin<SandboxUser[]>("users")]);
  const userNames = new Map(users.map((user) => [user.id, user.userName]));
  return ids.map((id) => userNames.get(id) ?? `unknown user ${id}`).sort();
}

/** Creates a group on /groups with these people, found by search; answers the group page's URL. */
async function createGroup(page: Page, name: string, people: readonly { name: string; search: string }[]): Promise<string> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups" }).click();
  await expect(page.getByRole("heading", { name: "Groups", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "New group" }).click();
  const create = page.getByRole("dialog", { name: "New group" });
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const groupUrl = page.url();

  await page.getByRole("button", { name: "Add people" }).click();
  const add = page.getByRole("dialog", { name: `Add people to ${name}` });
  for (const person of people) {
    await add.getByRole("searchbox", { name: "Search people to add" }).fill(person.search);
    await add.getByRole("checkbox", { name: new RegExp(person.name) }).check();
  }
  await add.getByRole("button", { name: people.length > 1 ? `Add ${people.length} people` : "Add", exact: true }).click();
  await expect(page.getByText(`Added to ${name}: ${people.length === 1 ? "1 person" : `${people.length} people`}.`)).toBeVisible();
  for (const person of people) await expect(page.getByRole("link", { name: person.name })).toBeVisible();
  return groupUrl;
}

/** Assigns a group on the app's Users tab through the Assign group dialog. */
async function assignGroup(page: Page, appId: string, appName: string, name: string, people: number) {
  await page.goto(`/applications/${appId}/users`);
  await page.getByRole("button", { name: "Assign group" }).click();
  const dialog = page.getByRole("dialog", { name: `Assign groups to ${appName}` });
  await dialog.getByRole("searchbox", { name: "Search groups by name" }).fill(name);
  await dialog.getByRole("checkbox", { name: new RegExp(name) }).check();
  await dialog.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByText(`Assigned ${name} to ${appName}`)).toContainText(
    people === 0 ? "Everyone in it already had access." : people === 1 ? "1 person gets access" : `${people} people get access`,
  );
  await expect(dialog).toHaveCount(0);
}

test("push a group to Atlassian: its people and the group with exactly them appear in the app and the log; a person who leaves is deactivated there", async ({
  page,
  signInPage,
}) => {
  test.setTimeout(240_000);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  const appId = await connectAtlassianApp(page, sandbox.baseUrl, TOKEN);
  const appName = (
    await page
      .getByRole("heading", { level: 1 })
      .first()
      .evaluate((heading) => heading.firstChild?.textContent ?? "")
  ).trim();
  expect(appName).not.toBe("");

  // Sync actions: Push groups is off until the admin turns it on.
  await page.goto(`/applications/${appId}/provisioning/actions`);
  const pushGroups = page.getByRole("switch", { name: "Push groups" });
  await expect(pushGroups).toHaveAttribute("aria-checked", "false");
  await switchOn(pushGroups);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Sync actions saved.")).toBeVisible();
  await page.reload();
  await expect(pushGroups).toHaveAttribute("aria-checked", "true");
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "group-push-1-sync-actions");

  // A group of three, made on /groups with people found by search.
  const groupUrl = await createGroup(page, GROUP, PEOPLE);
  await expect(page.getByText("3 people in this group.")).toBeVisible();

  // Assigned on the app's Users tab: the app pushes groups, so the group is pushed.
  await assignGroup(page, appId, appName, GROUP, PEOPLE.length);
  const groupRow = page
    .getByRole("list", { name: `Groups assigned to ${appName}` })
    .getByRole("listitem")
    .filter({ hasText: GROUP });
  await expect(groupRow).toContainText("3 members");
  await expect(groupRow.getByRole("button", { name: `Stop pushing ${GROUP}` })).toBeVisible();
  await expect(groupRow.getByText(new RegExp(`^(Pushing…|In ${appName})$`))).toBeVisible();

  // The app gets the three people, then the group with exactly them.
  const everyone = PEOPLE.map((person) => person.email).sort();
  await expect
    .poll(remoteUsers, { message: "the group's people have active accounts in the app", timeout: 60_000 })
    .toMatchObject(Object.fromEntries(everyone.map((email) => [email, true])));
  await expect.poll(() => remoteMembers(GROUP), { message: "the app's group has exactly the group's people", timeout: 60_000 }).toEqual(everyone);
  expect((await sandboxAdmin<SandboxGroup[]>("groups")).filter((group) => group.displayName === GROUP)).toHaveLength(1);

  // The Users tab says the group is in the app (it reads the state when loaded).
  await expect(async () => {
    await page.reload();
    await expect(groupRow.getByText(`In ${appName}`, { exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const people = page.getByRole("table");
  for (const person of PEOPLE) await expect(people.getByRole("row").filter({ hasText: person.name })).toContainText(`Via ${GROUP}`);

  // The log: the group's create, its members added, and each person's create.
  const sections = page.getByRole("navigation", { name: "App sections" });
  await sections.getByRole("link", { name: "Log" }).click();
  const log = page.getByRole("table", { name: "Provisioning log" });
  const groupRows = log.getByRole("row").filter({ has: page.getByRole("link", { name: GROUP, exact: true }) });
  const groupCreate = groupRows.filter({ hasText: "Create" });
  await expect(groupCreate).toHaveCount(1);
  await expect(groupCreate).toContainText("Succeeded");
  await expect(groupCreate).toContainText("201");
  await expect(groupCreate).toContainText(`displayName: ${GROUP}`);
  await expect(groupCreate.getByRole("cell").nth(1)).toHaveText(`${GROUP}Group`);
  for (const person of PEOPLE) {
    await expect(groupRows.filter({ hasText: "members added" }).filter({ hasText: person.name })).toHaveCount(1);
    const personCreate = log
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: person.name, exact: true }) })
      .filter({ hasText: "Create" });
    await expect(personCreate).toContainText("Succeeded");
    await expect(personCreate).toContainText(`userName: ${person.email}`);
  }
  await expect(groupRows.filter({ hasText: "Failed" })).toHaveCount(0);

  // Victor leaves the group on its page: he loses the app, so he is deactivated there and leaves the app's group.
  await page.goto(groupUrl);
  await page.getByRole("checkbox", { name: `Select ${LEAVER.name}` }).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Remove from group" }).click();
  const confirm = page.getByRole("dialog", { name: `Remove 1 person from ${GROUP}?` });
  await expect(confirm).toContainText("They lose the group's apps unless they also have them directly or through another group");
  await confirm.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByText(`Removed from ${GROUP}: 1 person.`)).toBeVisible();
  await expect(page.getByText("2 people in this group.")).toBeVisible();

  const stayers = everyone.filter((email) => email !== LEAVER.email);
  await expect.poll(async () => (await remoteUsers())[LEAVER.email], { message: `${LEAVER.name} is deactivated in the app`, timeout: 60_000 }).toBe(false);
  await expect.poll(() => remoteMembers(GROUP), { message: `${LEAVER.name} is no longer in the app's group`, timeout: 60_000 }).toEqual(stayers);
  const after = await remoteUsers();
  for (const email of stayers) expect(after[email], `${email} stays active`).toBe(true);

  await page.goto(`/applications/${appId}/log`);
  await expect(groupRows.filter({ hasText: "members removed" })).toHaveCount(1);
  await expect(groupRows.filter({ hasText: "members removed" })).toContainText(LEAVER.name);
  await expect(groupRows.filter({ hasText: "members removed" })).toContainText("Succeeded");
  const deactivated = log
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: LEAVER.name, exact: true }) })
    .filter({ hasText: "Deactivate" });
  await expect(deactivated).toContainText("Succeeded");
  await expect(deactivated).toContainText("active: true → false");
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "group-push-2-log");

  // A group named like one the app manages itself (a site group, outside SCIM): Roster finds it, cannot change it,
  // and the Users tab says so.
  await sandboxAdmin("groups", { method: "POST", body: { displayName: SITE_GROUP } });
  await createGroup(page, SITE_GROUP, [PEOPLE[0]]);
  await assignGroup(page, appId, appName, SITE_GROUP, 0);
  const siteRow = page
    .getByRole("list", { name: `Groups assigned to ${appName}` })
    .getByRole("listitem")
    .filter({ hasText: SITE_GROUP });
  await expect(async () => {
    await page.reload();
    await expect(siteRow.getByText("Conflict", { exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(siteRow).toContainText(`${appName} does not let Roster change “${SITE_GROUP}”`);
  await expect(groupRow.getByText(`In ${appName}`, { exact: true })).toBeVisible();
  expect(await remoteMembers(SITE_GROUP)).toEqual([]);
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "group-push-3-users-tab");

  // The dry run lists the group change a sync would still try, and sends nothing.
  await sections.getByRole("link", { name: "Overview" }).click();
  await page.getByRole("button", { name: "Dry run" }).click();
  const planned = page.getByRole("table", { name: "Planned group changes" });
  await expect(planned.getByRole("row").filter({ hasText: SITE_GROUP })).toContainText("Update group");
  await expect(planned.getByRole("row").filter({ hasText: SITE_GROUP })).toContainText("1 member added");
  await expect(planned.getByRole("row").filter({ hasText: GROUP })).toHaveCount(0);
  await expect(page.getByText("1 pushed group would change. Nothing was sent.")).toBeVisible();
  await expect(page.getByText("No person would change: the app already matches the directory for all 3 people.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Push groups" })).toContainText("On");
  expect(await remoteMembers(SITE_GROUP)).toEqual([]);
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "group-push-4-dry-run");
});
