import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, connectAtlassianApp, ensurePaidPlan, expect, selectUntilTaken, test } from "./support/fixtures";

const TOKEN = "mapping-spec-token-51c2";
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, token: TOKEN });
});
test.afterAll(() => sandbox.close());

test("a transform is previewed, guarded while unsaved, saved, and discarded", async ({ page, signInPage }) => {
  test.setTimeout(180_000);
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await ensurePaidPlan(page);
  const appId = await connectAtlassianApp(page, sandbox.baseUrl, TOKEN);

  const mappingUrl = `/applications/${appId}/provisioning/mapping`;
  await page.goto(mappingUrl);
  const preview = page.getByLabel("SCIM JSON preview");
  await expect(preview).toContainText('"displayName": "Priya Raman"');
  const bar = page.getByRole("region", { name: "Unsaved changes" });
  await expect(bar).toBeHidden();

  // Display name = first name, joined with the last name, lower case, spaces made dots.
  await page.getByRole("button", { name: "Edit Display name", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Map “Display name”" });
  await dialog.getByLabel(/A directory field, transformed/).check();
  await dialog.getByLabel("Directory field", { exact: true }).selectOption("firstName");
  await dialog.getByLabel("Transform to add").selectOption("join");
  await dialog.getByRole("button", { name: "Add step" }).click();
  await dialog.getByLabel("Transform to add").selectOption("lowercase");
  await dialog.getByRole("button", { name: "Add step" }).click();
  await dialog.getByLabel("Transform to add").selectOption("replace");
  await dialog.getByRole("button", { name: "Add step" }).click();
  // A replace step with nothing to find is explained, step by step.
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Step 3: Enter the text to find.");
  await dialog.getByLabel("Step 3: text to find").fill(" ");
  await dialog.getByLabel("Step 3: replace with").fill(".");
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "mapping-transform-dialog");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();

  await expect(preview).toContainText('"displayName": "priya.raman"');
  const row = page.getByRole("row").filter({ hasText: "Display name" }).filter({ hasText: "displayName" });
  await expect(row).toContainText("Transformed");
  await expect(row).toContainText("then join with Last name separated by “ ”, then lower case, then replace “ ” with “.”");
  await expect(bar).toContainText("1 unsaved change to the mapping");
  await bothWidths(page, "mapping-unsaved-bar");

  // Leaving by a sidebar link asks first; Stay keeps the edit.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  const leave = page.getByRole("dialog", { name: "Leave without saving?" });
  await expect(leave).toContainText("Your 1 change to the mapping will be lost.");
  await expectNoSeriousA11yViolations(page);
  await leave.getByRole("button", { name: "Stay" }).click();
  await expect(leave).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`${mappingUrl}$`));
  await expect(preview).toContainText('"displayName": "priya.raman"');
  await expect(bar).toContainText("1 unsaved change");

  // So does the browser's Back button.
  await page.evaluate(() => window.history.back());
  await expect(leave).toBeVisible();
  await leave.getByRole("button", { name: "Stay" }).click();
  await expect(page).toHaveURL(new RegExp(`${mappingUrl}$`));
  await expect(bar).toContainText("1 unsaved change");

  // Save persists: the bar goes, and a reload shows the transform.
  await bar.getByRole("button", { name: "Save" }).click();
  await expect(bar).toBeHidden();
  await page.reload();
  await expect(row).toContainText("Transformed");
  await expect(preview).toContainText('"displayName": "priya.raman"');

  // Discard reverts the edits not saved yet.
  await page.getByRole("button", { name: "Edit Job title", exact: true }).click();
  await page.getByLabel("A hardcoded value, the same for everyone").check();
  await page.getByLabel("Hardcoded value", { exact: true }).fill("Mapping Spec Contractor");
  await page.getByRole("button", { name: "OK" }).click();
  await expect(preview).toContainText('"title": "Mapping Spec Contractor"');
  await expect(bar).toContainText("1 unsaved change");
  await bar.getByRole("button", { name: "Discard" }).click();
  await expect(bar).toBeHidden();
  await expect(preview).not.toContainText("Mapping Spec Contractor");
  await expect(row).toContainText("Transformed");

  // With nothing unsaved, links just go.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(/\/users$/);
  await page.goto(mappingUrl);
  await expect(row).toContainText("Transformed");

  // With an edit, Leave goes without saving it.
  await page.getByRole("button", { name: "Edit Job title", exact: true }).click();
  await page.getByLabel("Not mapped: leave it out").check();
  await page.getByRole("button", { name: "OK" }).click();
  await expect(bar).toContainText("1 unsaved change");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await leave.getByRole("button", { name: "Leave" }).click();
  await expect(page).toHaveURL(/\/users$/);
  await page.goto(mappingUrl);
  await expect(page.getByRole("row").filter({ hasText: "Job title" }).first()).not.toContainText("Not mapped");
  await expect(bar).toBeHidden();

  // On the Free plan the page shows the mapping that really applies (the default), says the saved one is kept, and
  // how to change plans; nothing can be edited.
  await page.goto("/settings");
  const plan = page.getByLabel("Plan");
  const savePlan = page.getByRole("button", { name: "Save changes" });
  await selectUntilTaken(plan, "FREE", savePlan);
  await savePlan.click();
  await expect(page.getByText("Organization settings saved.")).toBeVisible();
  try {
    await page.goto(mappingUrl);
    await expect(page.getByText("On the Free plan Roster sends Atlassian this default mapping.")).toBeVisible();
    await expect(page.getByText("The custom mapping saved earlier is kept and applies again on a paid plan.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Settings", exact: true }).last()).toHaveAttribute("href", "/settings");
    await expect(preview).toContainText('"displayName": "Priya Raman"');
    await expect(row).not.toContainText("Transformed");
    await expect(page.getByRole("button", { name: "Edit Display name", exact: true })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await bothWidths(page, "mapping-free-plan");
  } finally {
    await ensurePaidPlan(page);
  }
  // Back on a paid plan, the saved transform applies again.
  await page.goto(mappingUrl);
  await expect(row).toContainText("Transformed");
});
