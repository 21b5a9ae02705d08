import type { Page } from "@playwright/test";
import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER, PEOPLE_ADMIN } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, connectAtlassianApp, expect, snapshot, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

const TOKEN = "sandbox-token-overview-7e2a";
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, token: TOKEN });
});
test.afterAll(() => sandbox.close());

/** The succeeded operations the chart's text alternative counts; 0 while the chart says nothing was sent. */
async function succeededInChart(page: Page): Promise<number> {
  const summary = page.getByTestId("operations-summary");
  const empty = page.getByText("No operations in the last 30 days");
  await expect(summary.or(empty)).toBeVisible();
  if (await empty.isVisible()) return 0;
  const match = /([\d,]+) succeeded/.exec(await summary.innerText());
  return Number(match![1]!.replaceAll(",", ""));
}

/** The apps the Applications page lists: what the Overview must count. */
async function appsListed(page: Page): Promise<number> {
  await page.goto("/applications");
  await expect(page.getByRole("heading", { name: "Catalog" })).toBeVisible();
  return page.locator('main a[href^="/applications/"]').count();
}

test("the overview counts the apps, charts a sync's operations and ticks the steps done", async ({ page, signInPage }) => {
  test.setTimeout(120_000);
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  const succeededBefore = await succeededInChart(page);

  // A new app, set up through the wizard: the overview counts it, and the wizard's steps are ticked.
  const appId = await connectAtlassianApp(page, sandbox.baseUrl, TOKEN);
  const apps = await appsListed(page);
  expect(apps).toBeGreaterThan(0);
  await page.goto("/");
  await expect(page.getByTestId("stat-applications")).toHaveText(String(apps));
  await expect(
    page
      .getByRole("list", { name: "App health" })
      .getByRole("link", { name: /Atlassian/ })
      .first(),
  ).toBeVisible();
  const steps = page.getByRole("list", { name: "Getting started steps" });
  const allSet = page.getByTestId("setup-all-set");
  await expect(steps.or(allSet)).toBeVisible();
  if (await steps.isVisible()) {
    for (const step of ["Add your people", "Add an app", "Authorize it", "Map fields", "Choose sync actions"])
      await expect(steps.getByRole("listitem").filter({ hasText: step })).toContainText("Done");
    await expect(steps.getByRole("listitem").filter({ hasText: "First successful provisioning" })).not.toContainText("Done");
    await dismissToasts(page);
    await snapshot(page, "overview-checklist-1440");
  }

  // Assign one person: the worker creates the account in the app.
  await page.goto(`/applications/${appId}/users?view=available&q=larsen`);
  await page.getByRole("checkbox", { name: "Select Freya Larsen" }).check();
  await page.getByRole("button", { name: /^Assign to / }).click();
  await expect(page.getByText("Assigned 1 person.")).toBeVisible();
  await expect
    .poll(() => sandbox.store.users.all().map((user) => String(user.attributes.userName)), { message: "the account appears in the app", timeout: 15_000 })
    .toContain("freya.larsen@halden.example");

  // The overview's chart counts the create that succeeded, and every getting-started step is done.
  await page.goto("/");
  await expect(async () => {
    await page.reload();
    expect(await succeededInChart(page)).toBe(succeededBefore + 1);
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("operations-summary")).toHaveText(/^[\d,]+ operations? in 30 days: [\d,]+ succeeded, [\d,]+ failed, [\d,]+ skipped\.$/);
  await expect(allSet).toContainText("All set");
  await expect(page.getByTestId("stat-applications")).toHaveText(String(apps));
  const row = page
    .getByRole("list", { name: "App health" })
    .getByRole("listitem")
    .filter({ has: page.locator(`a[href="/applications/${appId}"]`) });
  await expect(row).toContainText("Active");
  await expect(row).toContainText(/Last sync: \d+ \w+ \d{4}, \d\d:\d\d UTC · no failures in the last 24 h/);

  // The chart fits a phone's width.
  await dismissToasts(page);
  await page.setViewportSize({ width: 390, height: 844 });
  const chart = page.getByTestId("operations-chart");
  await expect(chart.locator("svg.recharts-surface")).toBeVisible();
  const box = (await chart.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "overview");
});

test("an admin who may not see apps gets the directory's figures only", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(PEOPLE_ADMIN);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await expect(page.getByTestId("stat-people")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("stat-groups")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("stat-applications")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "App health" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Provisioning activity" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Getting started" })).toHaveCount(0);
});
