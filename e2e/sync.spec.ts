import type { Page } from "@playwright/test";
import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { connectAtlassianApp, expect, snapshot, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

const TOKEN = "sandbox-token-sync-5c1d";
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, token: TOKEN });
});
test.afterAll(() => sandbox.close());

const remoteUserNames = () => sandbox.store.users.all().map((user) => String(user.attributes.userName));

/** Adds Atlassian from the catalog and walks the wizard with its defaults; answers the app's id and name. */
async function setUpAtlassian(page: Page): Promise<{ appId: string; appName: string }> {
  const appId = await connectAtlassianApp(page, sandbox.baseUrl, TOKEN);
  const appName = (
    await page
      .getByRole("heading", { level: 1 })
      .first()
      .evaluate((heading) => heading.firstChild?.textContent ?? "")
  ).trim();
  return { appId, appName };
}

async function setCreateUsers(page: Page, appId: string, on: boolean) {
  await setSyncAction(page, appId, "Create users", on);
}

async function setSyncAction(page: Page, appId: string, name: string, on: boolean) {
  await page.goto(`/applications/${appId}/provisioning/actions`);
  const toggle = page.getByRole("switch", { name });
  if ((await toggle.getAttribute("aria-checked")) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", String(on));
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /is on/ })).toBeVisible();
}

async function setActivation(page: Page, appId: string, on: boolean) {
  await setSyncAction(page, appId, "Activate and deactivate users", on);
}

test("assign, see it in the app and the log, Provision now, dry run and Sync now with progress", async ({ page, signInPage }) => {
  test.setTimeout(120_000);
  // The progress bar's transition is off, so the screenshot shows where the run ended.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  const { appId, appName } = await setUpAtlassian(page);
  const sections = page.getByRole("navigation", { name: "App sections" });

  // Assign one person: the worker creates the account in the app, and the Log shows it.
  await page.goto(`/applications/${appId}/users?view=available&q=okafor`);
  await page.getByRole("checkbox", { name: "Select Amara Okafor" }).check();
  await page.getByRole("button", { name: `Assign to ${appName}` }).click();
  await expect(page.getByText("Assigned 1 person.")).toBeVisible();
  await expect.poll(remoteUserNames, { message: "the account appears in the app", timeout: 15_000 }).toContain("amara.okafor@halden.example");

  await sections.getByRole("link", { name: "Log" }).click();
  const createRow = page.getByRole("row").filter({ hasText: "Amara Okafor" }).filter({ hasText: "Create" });
  await expect(createRow).toContainText("Succeeded");
  await expect(createRow).toContainText("201");
  await expect(createRow).toContainText("userName");
  await dismissToasts(page);
  await snapshot(page, "sync-1-app-log");

  // Filters live in the URL; a filter that matches nothing says what to do.
  await page.getByRole("combobox", { name: "Status" }).selectOption("FAILED");
  await expect(page).toHaveURL(/status=FAILED/);
  await expect(page.getByText("Nothing matches these filters")).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).selectOption("");
  await expect(createRow).toBeVisible();

  // The CSV export has the same row.
  const csv = await (await page.request.get(`/applications/${appId}/log/export?kind=CREATE`)).text();
  expect(csv).toContain("Amara Okafor <amara.okafor@halden.example>");

  // The person page: per-app status, and Provision now shows each step within 5 s.
  await createRow.getByRole("link", { name: "Amara Okafor" }).click();
  await expect(page.getByRole("heading", { name: /Amara Okafor/ })).toBeVisible();
  const account = page.getByRole("listitem", { name: appName, exact: true });
  await expect(account.getByText("Provisioned")).toBeVisible();
  await account.getByRole("button", { name: `Provision now in ${appName}` }).click();
  const steps = account.getByRole("list", { name: "Provisioning steps" });
  await expect(steps.getByText("Yes: assigned and active.")).toBeVisible({ timeout: 5_000 });
  await expect(steps).toContainText("Yes: linked to the app's user amara.okafor@halden.example.");
  await expect(steps).toContainText("Nothing to change: the app already matches the directory.");
  await expect(steps).toContainText(/Done in [\d.]+ m?s/);
  await dismissToasts(page);
  await snapshot(page, "sync-2-person-panel");

  // With "Create users" off, newly assigned people are only logged as skipped…
  await setCreateUsers(page, appId, false);
  await page.goto(`/applications/${appId}/users?view=available&department=Engineering`);
  await page.getByRole("checkbox", { name: "Select all people on this page" }).check();
  await page.getByRole("button", { name: `Assign to ${appName}` }).click();
  const assigned = page.getByText(/^Assigned \d+ people\.$/);
  await expect(assigned).toBeVisible();
  const added = Number(/\d+/.exec(await assigned.innerText())![0]);
  expect(added).toBeGreaterThan(1);
  await page.goto(`/applications/${appId}/log?status=SKIPPED`);
  await expect(page.getByRole("row").filter({ hasText: "“Create users” is off for this app" })).toHaveCount(added, { timeout: 15_000 });
  expect(remoteUserNames()).toHaveLength(1);

  // …then, with it on again, a dry run lists what Sync now would create, and sends nothing.
  await setCreateUsers(page, appId, true);
  await sections.getByRole("link", { name: "Overview" }).click();
  await page.getByRole("button", { name: "Dry run" }).click();
  const planned = page.getByRole("table", { name: "Planned changes" });
  await expect(planned.getByRole("row").filter({ hasText: "Create" })).toHaveCount(added);
  await expect(page.getByRole("definition").first()).toHaveText(String(added));
  await expect(page.getByText(`${added} of ${added + 1} people would change. Nothing was sent.`)).toBeVisible();
  expect(remoteUserNames()).toHaveLength(1);
  await dismissToasts(page);
  await snapshot(page, "sync-3-dry-run");

  // Sync now: a live progress bar that ends with everyone synced.
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByRole("progressbar", { name: "Sync progress" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Synced/ })).toHaveText(new RegExp(`Synced ${added + 1} of ${added + 1} people`), {
    timeout: 30_000,
  });
  await expect(page.getByRole("progressbar", { name: "Sync progress" })).toHaveAttribute("aria-valuenow", String(added + 1));
  await expect(page.getByText("none failed")).toBeVisible();
  await expect(page.getByTestId("stat-provisioned")).toHaveText(String(added + 1));
  expect(remoteUserNames()).toHaveLength(added + 1);
  await dismissToasts(page);
  await snapshot(page, "sync-4-overview-progress");

  // Deletion safety: unassigning everyone while deactivation is off changes nothing in the app…
  await setActivation(page, appId, false);
  await page.goto(`/applications/${appId}/users`);
  await page.getByRole("checkbox", { name: "Select all people on this page" }).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Unassign" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unassign" }).click();
  await expect(page.getByText(`Unassigned ${added + 1} people.`)).toBeVisible();
  // …then Sync now, with deactivation on, would deactivate them all: it stops and asks first.
  await setActivation(page, appId, true);
  await sections.getByRole("link", { name: "Overview" }).click();
  await page.getByRole("button", { name: "Sync now" }).click();
  const approval = page.getByRole("alert").filter({ hasText: "This sync needs your approval" });
  await expect(approval).toContainText(
    `This sync would deactivate or delete ${added + 1} accounts, more than the threshold of 20% of active accounts or 25 accounts. Nothing was sent.`,
  );
  expect(sandbox.store.users.all().every((user) => user.attributes.active !== false)).toBe(true);
  await dismissToasts(page);
  await snapshot(page, "sync-5-approval");
  await approval.getByRole("button", { name: "Approve and sync" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve and sync" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Synced/ })).toHaveText(new RegExp(`Synced ${added + 1} of ${added + 1} people`), {
    timeout: 30_000,
  });
  expect(sandbox.store.users.all().filter((user) => user.attributes.active === false)).toHaveLength(added + 1);

  // The global log shows every app's operations, with the app's name.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Provisioning log" }).click();
  await expect(page.getByRole("row").filter({ hasText: appName }).filter({ hasText: "Create" }).first()).toBeVisible();
  await dismissToasts(page);
  await snapshot(page, "sync-6-global-log");
});
