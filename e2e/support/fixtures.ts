import { test as base, errors, expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export class SignInPage {
  constructor(readonly page: Page) {}

  /** The form's error banner (Next's route announcer is an empty alert too). */
  get error() {
    return this.page.locator("form").getByRole("alert");
  }

  async goto() {
    await this.page.goto("/sign-in");
    await expect(this.page.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  }

  async signIn(account: { email: string; password: string }) {
    await this.page.getByLabel("Work e-mail").fill(account.email);
    await this.page.getByLabel("Password").fill(account.password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }
}

/**
 * Saves a full-page screenshot under test-results/screenshots for people to look at. Headless Chromium, once in a
 * long run, never delivers the frame a screenshot waits for (seen after a viewport change, with the page then
 * stuck until the test's whole timeout and its after-hooks ran out). So a screenshot gets 20 s; if that passes, the
 * page is brought to the front, which makes Chromium paint it again, and the screenshot is taken once more. A
 * second failure fails the test as before.
 */
export async function snapshot(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  const options = { path: `test-results/screenshots/${name}.png`, fullPage: true, timeout: 20_000 } as const;
  try {
    await page.screenshot(options);
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    await page.bringToFront();
    await page.screenshot(options);
  }
}

/** The page at a desktop's width and a phone's (`<name>-1440.png`, `<name>-390.png`), then back to the desktop. */
export async function bothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await snapshot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snapshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

export const test = base.extend<{ signInPage: SignInPage; freshPage: () => Promise<Page> }>({
  signInPage: async ({ page }, use) => {
    await use(new SignInPage(page));
  },
  /** A page in a browser context of its own (another person's browser), closed when the test ends, pass or fail. */
  freshPage: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };

/**
 * Types into a search box that puts its text in the URL, and waits until it has. The box is disabled until the page
 * has hydrated (components/ui/search-field.tsx), and `fill` waits for it to be enabled, so no keystroke is lost.
 */
export async function searchFor(page: Page, label: string, text: string) {
  await page.getByRole("searchbox", { name: label }).fill(text);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(&|$)`));
}

/**
 * Chooses an option and waits until the form has taken it, which enables its save button. The select is disabled
 * until the page has hydrated, and `selectOption` waits for it to be enabled, so the choice is never dropped.
 */
export async function selectUntilTaken(select: Locator, value: string, save: Locator) {
  await select.selectOption(value);
  await expect(save).toBeEnabled();
}

/** Puts the organization on a paid plan (changing field mappings needs one) unless it already is; other specs may have changed it. */
export async function ensurePaidPlan(page: Page) {
  await page.goto("/settings");
  const plan = page.getByLabel("Plan");
  if ((await plan.inputValue()) !== "FREE") return;
  const save = page.getByRole("button", { name: "Save changes" });
  await selectUntilTaken(plan, "STANDARD", save);
  await save.click();
  await expect(page.getByText("Organization settings saved.")).toBeVisible();
}

/**
 * Adds an Atlassian app through the wizard as the signed-in admin, connected to `baseUrl` with `token`, with its
 * default mapping and provisioning turned on; answers the new app's id. `name` replaces the suggested one.
 */
export async function connectAtlassianApp(page: Page, baseUrl: string, token: string, name?: string): Promise<string> {
  return connectApp(page, "Atlassian", baseUrl, token, name);
}

/**
 * Adds an app from the catalogue (under `name`, else its suggested name) and runs the wizard with its defaults;
 * returns the app's id.
 */
export async function connectApp(page: Page, catalogName: "Atlassian" | "Custom SCIM 2.0 app", baseUrl: string, token: string, name?: string): Promise<string> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
  await page.getByRole("button", { name: `Add ${catalogName}` }).click();
  if (name) await page.getByRole("dialog").getByLabel("Name").fill(name);
  await page.getByRole("dialog").getByRole("button", { name: "Add and set up" }).click();
  await expect(page).toHaveURL(/provisioning\/configure$/);
  const appId = /applications\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  await page.getByLabel("Sync endpoint").fill(baseUrl);
  await page.getByLabel("SCIM token").fill(token);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/provisioning\/authorize$/);
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected to" })).toBeVisible();
  await page.getByRole("link", { name: "Next: map fields" }).click();
  await expect(page.getByLabel("SCIM JSON preview")).toContainText("userName");
  await page.getByRole("button", { name: "Save and Next" }).click();
  await expect(page).toHaveURL(/provisioning\/actions$/);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /Provisioning to .* is on/ })).toBeVisible();
  return appId;
}

/** Turns a switch on. A click before hydration is dropped by React, so it is repeated until the switch has taken it. */
export async function switchOn(toggle: Locator) {
  await expect(async () => {
    if ((await toggle.getAttribute("aria-checked")) !== "true") await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "true", { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}
