import { expect, type Page } from "@playwright/test";

/**
 * Closes every toast still showing, before an axe check or a screenshot (axe measures a toast's text against what
 * is under it mid-animation, and a screenshot should show the page). A toast may close by itself at any moment, and
 * closing one re-renders the others, so this waits for the state "no toast", retrying a click that found its toast
 * gone, instead of clicking each toast found once.
 */
export async function dismissToasts(page: Page) {
  const close = page.getByRole("button", { name: "Close toast" });
  await expect(async () => {
    if ((await close.count()) > 0) await close.first().click({ timeout: 1_000 });
    await expect(close).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}
