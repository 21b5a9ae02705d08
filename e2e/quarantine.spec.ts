import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { connectAtlassianApp, expect, snapshot, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

const OLD_TOKEN = "sandbox-token-quarantine-old";
const NEW_TOKEN = "sandbox-token-quarantine-new";
let sandbox: RunningSandbox;

test.afterAll(() => sandbox?.close());

test("a revoked token quarantines the app; the banner's steps (paste a new token in Configure, Resume) bring it back and send what waited", async ({
  page,
  signInPage,
}) => {
  test.setTimeout(180_000);
  sandbox = await startSandbox({ quiet: true, token: OLD_TOKEN });
  const port = sandbox.port;
  await signInPage.goto();
  await signInPage.signIn(OWNER);

  // Set up Atlassian through the wizard with the first token.
  const appId = await connectAtlassianApp(page, sandbox.baseUrl, OLD_TOKEN);

  // The app's administrator regenerates the token: the app now only accepts the new one.
  const baseUrl = sandbox.baseUrl;
  const directoryId = baseUrl.split("/").at(-1)!;
  await sandbox.close();
  sandbox = await startSandbox({ quiet: true, token: NEW_TOKEN, port, directoryId });
  expect(sandbox.baseUrl).toBe(baseUrl);

  // Assigning people now gets refused requests, and the app stops by itself.
  await page.goto(`/applications/${appId}/users?view=available&status=ACTIVE`);
  await page.getByRole("checkbox", { name: "Select all people on this page" }).check();
  await page.getByRole("button", { name: /^Assign to / }).click();
  const done = page.getByText(/Assigned \d+ (person|people)\./);
  await expect(done).toBeVisible();
  const assigned = Number(/\d+/.exec(await done.innerText())![0]);
  await page.goto(`/applications/${appId}`);
  const banner = page.getByRole("alert").filter({ hasText: "Provisioning is quarantined" });
  await expect(async () => {
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(banner).toContainText("paste it in the Configure step and save, then click Resume");
  await expect(page.getByText("Finish setting up provisioning")).toHaveCount(0);
  await page.setViewportSize({ width: 1440, height: 900 });
  await snapshot(page, "quarantine-banner-1440");
  await page.setViewportSize({ width: 390, height: 844 });
  await snapshot(page, "quarantine-banner-390");
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectNoSeriousA11yViolations(page);

  // The banner's steps, as written: the Configure step, a new token, save; then Resume.
  await banner.getByRole("link", { name: "Change the Sync endpoint or token" }).click();
  await page.getByLabel("SCIM token").fill(NEW_TOKEN);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(new RegExp(`/applications/${appId}$`));
  await dismissToasts(page);
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText(/resumed\. Roster is syncing everyone/)).toBeVisible();
  await expect(banner).toHaveCount(0);
  await expect.poll(() => sandbox.store.users.size, { message: "everyone assigned while quarantined reaches the app", timeout: 60_000 }).toBe(assigned);
});
