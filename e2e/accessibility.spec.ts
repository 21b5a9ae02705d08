/**
 * Every page passes axe's WCAG 2.2 A and AA rules with nothing serious (issue #16): the walk visits every page route
 * in lib/auth/route-permissions.ts as the Owner, with its [id]s resolved to the permission walk's seeded rows, then
 * opens the main dialogs and menus and checks them open, and looks at key pages at a phone's width too. Route handlers
 * (CSV exports, JSON status, the upload endpoint) answer files or JSON, not pages, and are left out.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { WALK_IDS } from "./support/permission-walk-data";
import { ROUTE_PERMISSIONS } from "../lib/auth/route-permissions";

/** The seeded row each dynamic segment stands for, by route (the person and the walk's app unless said otherwise). */
const PARAMS: Record<string, Record<string, string>> = {
  "/users/import/[id]": { id: WALK_IDS.csvImport },
  "/groups/[id]": { id: WALK_IDS.group },
};
const DEFAULT_PARAMS: Record<string, string> = { appId: WALK_IDS.app, id: WALK_IDS.person };

/** The page.tsx serving a URL pattern, if any (route groups such as `(admin)` are not in the URL). */
function pageFile(pattern: string): string | undefined {
  const segments = pattern.split("/").filter(Boolean);
  for (const group of ["", "(admin)", "(portal)"]) {
    const file = path.join("app", group, ...segments, "page.tsx");
    if (existsSync(file)) return file;
  }
  return undefined;
}

function urlFor(pattern: string): string {
  return pattern.replace(/\[(\w+)\]/g, (_all, name: string) => PARAMS[pattern]?.[name] ?? DEFAULT_PARAMS[name]!);
}

const PAGES = Object.keys(ROUTE_PERMISSIONS).filter((pattern) => pattern !== "/sign-in" && pageFile(pattern));
const NOT_PAGES = Object.keys(ROUTE_PERMISSIONS).filter((pattern) => !pageFile(pattern));

async function signIn(page: Page, signInPage: { goto(): Promise<void>; signIn(account: typeof OWNER): Promise<void> }) {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
}

/** Opens the page and waits for its own heading (the shell's header is there before a streamed page is). */
async function visit(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator("main h1").first()).toBeVisible();
  await expect(page.locator("main [aria-busy=true], main .animate-pulse")).toHaveCount(0);
}

/** What sticks out past the right edge of the screen without a sideways-scrolling box around it, in words. */
async function widerThanScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    const contained = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(parent).overflowX)) return true;
      }
      return false;
    };
    const elements = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !contained(element))
      .slice(0, 8)
      .map(
        (element) =>
          `<${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}"> ends at ${Math.round(element.getBoundingClientRect().right)} px`,
      );
    // Never an empty answer for a page that is too wide (what widens it may sit inside a box that only seems to clip it).
    return [`the page is ${document.documentElement.scrollWidth} px wide`, ...elements];
  });
}

test("the walk covers every page route, and only route handlers are left out", () => {
  expect(PAGES.length).toBeGreaterThan(20);
  // Everything skipped is a route handler (route.ts), never a page.
  for (const pattern of NOT_PAGES) {
    const segments = pattern.split("/").filter(Boolean);
    const handler = ["", "(admin)", "(portal)"].some((group) => existsSync(path.join("app", group, ...segments, "route.ts")));
    expect(handler, `${pattern} is neither a page nor a route handler`).toBe(true);
  }
});

test("the sign-in page has no serious accessibility problems", async ({ signInPage, page }) => {
  await signInPage.goto();
  await expectNoSeriousA11yViolations(page);
});

test("every page has no serious accessibility problems, for the Owner", async ({ page, signInPage }) => {
  test.setTimeout(240_000);
  await signIn(page, signInPage);
  const problems: string[] = [];
  for (const pattern of PAGES) {
    await visit(page, urlFor(pattern));
    try {
      await expectNoSeriousA11yViolations(page);
    } catch (error) {
      problems.push(`${pattern}: ${(error as Error).message.split("\n").slice(0, 12).join("\n")}`);
    }
  }
  expect(problems).toEqual([]);
});

test("key pages have no serious accessibility problems at a phone's width", async ({ page, signInPage }) => {
  await signIn(page, signInPage);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const pattern of ["/", "/users", "/users/[id]", "/groups/[id]", "/applications/[appId]/users", "/applications/[appId]/provisioning/mapping"]) {
    await visit(page, urlFor(pattern));
    await expectNoSeriousA11yViolations(page);
    // Nothing is wider than the screen: wide tables scroll inside their own box.
    expect(await widerThanScreen(page), `${pattern} is wider than the phone`).toEqual([]);
  }
});

test("the main dialogs and menus open and have no serious accessibility problems", async ({ page, signInPage }) => {
  await signIn(page, signInPage);

  // The account menu.
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);

  // A row's menu in the people list, and the menu of what to do with the selected rows.
  await visit(page, "/users?q=quaxmoor");
  const rowMenu = page.getByRole("button", { name: "Actions for Wendeline Quaxmoor" });
  await rowMenu.click();
  await expect(page.getByRole("menu")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(rowMenu).toBeFocused();
  await page.getByRole("checkbox", { name: "Select Wendeline Quaxmoor" }).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Apps" }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);

  // A confirmation: cancelled, so nothing changes, and focus goes back to the button that opened it.
  await visit(page, urlFor("/users/[id]"));
  const deactivate = page.getByRole("button", { name: "Deactivate", exact: true });
  await deactivate.click();
  const confirm = page.getByRole("dialog", { name: "Deactivate Wendeline Quaxmoor?" });
  await expect(confirm).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(deactivate).toBeFocused();

  // The dialog that adds people to a group.
  await visit(page, urlFor("/groups/[id]"));
  await page.getByRole("button", { name: "Add people" }).click();
  const addPeople = page.getByRole("dialog", { name: /Add people to/ });
  await expect(addPeople.getByRole("searchbox", { name: "Search people to add" })).toBeEnabled();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press("Escape");
  await expect(addPeople).toHaveCount(0);

  // The dialog that assigns groups to an app.
  await visit(page, urlFor("/applications/[appId]/users"));
  await page.getByRole("button", { name: "Assign group" }).click();
  const assign = page.getByRole("dialog", { name: /Assign groups to/ });
  await expect(assign).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press("Escape");
  await expect(assign).toHaveCount(0);

  // The navigation drawer, at a phone's width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Open navigation" }).click();
  await expect(page.getByRole("dialog", { name: /navigation/ }).getByRole("link", { name: "Users" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
