import { test as base, expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export class SignInPage {
  constructor(readonly page: Page) {}

  /** The form's error banner (Next's route announcer is an empty alert too). */
  get error() {
    return this.page.locator("form").getByRole("alert");
  }

  async goto() {
    await this.page.goto("/sign-in");
    await expect(this.page.getByRole("heading", { name: "Sign in to the admin panel" })).toBeVisible();
  }

  async signIn(account: { email: string; password: string }) {
    await this.page.getByLabel("Work e-mail").fill(account.email);
    await this.page.getByLabel("Password").fill(account.password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }
}

/** Saves a full-page screenshot under test-results/screenshots for people to look at. */
export async function snapshot(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export const test = base.extend<{ signInPage: SignInPage }>({
  signInPage: async ({ page }, use) => {
    await use(new SignInPage(page));
  },
});

export { expect };
