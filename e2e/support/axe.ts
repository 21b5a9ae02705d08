import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.2 A and AA, the rules axe has for them. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Fails with the rule, its help text and the offending elements when axe finds a serious or critical violation.
 * Axe reads colours as they are drawn at that moment, so it waits first until no finite animation or transition is
 * running: a button that has just been enabled fades from its disabled colour for 150 ms, and read halfway it fails
 * the contrast rule although neither of its settled states does. Endless animations (spinners, skeletons) are not
 * waited for.
 */
export async function expectNoSeriousA11yViolations(page: Page) {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== "running" || animation.effect?.getComputedTiming().endTime === Infinity),
  );
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(" ")).join("\n  ")}`);
  expect(serious, `axe found serious violations on ${page.url()}`).toEqual([]);
}
