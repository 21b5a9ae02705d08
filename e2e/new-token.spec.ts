import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { connectAtlassianApp, expect, snapshot, test } from "./support/fixtures";

// Issue #14: a new token pasted on an app that is provisioning held it back in the wizard (DRAFT), where edits were
// dropped. Now the app is held (paused) with the reason, and Resume checks the new token, then sends what waited.
const OLD_TOKEN = "sandbox-token-rotate-old";
const NEW_TOKEN = "sandbox-token-rotate-new";
let sandbox: RunningSandbox;

test.afterAll(() => sandbox?.close());

test("a new token on an active app holds it until Resume checks the token, then sends the change made meanwhile", async ({ page, signInPage }) => {
  test.setTimeout(120_000);
  sandbox = await startSandbox({ quiet: true, token: OLD_TOKEN });
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  const appId = await connectAtlassianApp(page, sandbox.baseUrl, OLD_TOKEN);

  // The app's administrator regenerates the token; the admin pastes the new one in the Configure step.
  const { port, directoryId } = sandbox;
  await sandbox.close();
  sandbox = await startSandbox({ quiet: true, token: NEW_TOKEN, port, directoryId });
  await page.goto(`/applications/${appId}/provisioning/configure`);
  await page.getByLabel("SCIM token").fill(NEW_TOKEN);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(new RegExp(`/applications/${appId}$`));
  await expect(page.getByText("Saved. Click Resume: Roster checks the connection first, then sends every change made meanwhile.")).toBeVisible();
  const banner = page.getByRole("status").filter({ hasText: "Provisioning is paused" });
  await expect(banner).toContainText("The SCIM token changed: Roster sends nothing with it until it is checked");

  // Meanwhile someone is assigned: held, not lost.
  await page.goto(`/applications/${appId}/users?view=available&q=okafor`);
  await page.getByRole("checkbox", { name: "Select Amara Okafor" }).check();
  await page.getByRole("button", { name: /^Assign to / }).click();
  await expect(page.getByText("Assigned 1 person.")).toBeVisible();
  await page.goto(`/applications/${appId}/log`);
  const held = page.getByRole("row").filter({ hasText: "Amara Okafor" }).filter({ hasText: "Skipped" });
  await expect(async () => {
    await page.reload();
    await expect(held).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(held).toContainText("Resuming it sends this change");
  expect(sandbox.store.users.size).toBe(0);

  await page.goto(`/applications/${appId}`);
  await expect(banner).toBeVisible();
  await snapshot(page, "new-token-paused-1440");
  await expectNoSeriousA11yViolations(page);
  await banner.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText(/resumed\. Roster is syncing everyone/)).toBeVisible();
  await expect(banner).toHaveCount(0);
  await expect
    .poll(() => sandbox.store.users.all().map((user) => String(user.attributes.userName)), { message: "the held create reaches the app", timeout: 30_000 })
    .toContain("amara.okafor@halden.example");
});
