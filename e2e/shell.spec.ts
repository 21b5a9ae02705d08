/**
 * The admin shell on phones and keyboards (issue #16): the navigation drawer below `md`, the skip link, and URL-held
 * filters that neither lose a change made at once after another nor take input before the page can handle it.
 */
import { OWNER } from "./support/accounts";
import { WALK_IDS } from "./support/permission-walk-data";
import { bothWidths, expect, snapshot, test } from "./support/fixtures";

test.beforeEach(async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
});

test("on a phone the menu button opens the navigation as a drawer that traps focus and closes on Escape and on navigation", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  // The sidebar is hidden at this width; the header fits.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await bothWidths(page, "shell-users-list");
  await page.setViewportSize({ width: 390, height: 844 });

  const menu = page.getByRole("button", { name: "Open navigation" });
  await menu.click();
  const drawer = page.getByRole("dialog", { name: /navigation/ });
  await expect(drawer.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  await snapshot(page, "shell-drawer-open-390");

  // Focus stays inside: tabbing past the last link comes back round to the drawer.
  for (let index = 0; index < 12; index++) {
    await page.keyboard.press("Tab");
    expect(await drawer.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }

  // Escape closes it and gives focus back to the menu button.
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(menu).toBeFocused();

  // Following a link closes it too.
  await menu.click();
  await drawer.getByRole("link", { name: "Groups" }).click();
  await expect(page).toHaveURL(/\/groups$/);
  await expect(page.getByRole("heading", { name: "Groups", level: 1 })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(menu).toBeFocused();

  // At a desktop's width the sidebar is back and there is no menu button.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(menu).toBeHidden();
});

test("the first Tab reaches a skip link that moves focus to the page's content", async ({ page }) => {
  await page.goto("/groups");
  await expect(page.getByRole("heading", { name: "Groups", level: 1 })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  await expect(skip).not.toBeInViewport();
});

test("a search typed at once after changing a filter keeps both in the URL", async ({ page }) => {
  await page.goto("/users");
  const status = page.getByRole("combobox", { name: "Status" });
  const search = page.getByRole("searchbox", { name: "Search people by name or e-mail" });
  // No waiting between the two: the debounced search used to rebuild the URL from before the filter's change.
  await status.selectOption("INACTIVE");
  await search.fill("shellrace");
  await expect(page).toHaveURL(/[?&]q=shellrace(&|$)/);
  await expect(page).toHaveURL(/[?&]status=INACTIVE(&|$)/);
  await expect(status).toHaveValue("INACTIVE");

  // And the other way round: a filter changed while the search is still on its way.
  await search.fill("shellrace2");
  await page.getByRole("combobox", { name: "Status" }).selectOption("ACTIVE");
  await expect(page).toHaveURL(/[?&]q=shellrace2(&|$)/);
  await expect(page).toHaveURL(/[?&]status=ACTIVE(&|$)/);
});

test("a search typed while a tab is still loading keeps both the tab and the search", async ({ page }) => {
  await page.goto(`/applications/${WALK_IDS.app}/users`);
  const search = page.getByRole("searchbox", { name: "Search people by name or e-mail" });
  await expect(search).toBeEnabled();
  // As on a slow machine: the "Add people" tab's page is held back until the search has been sent, so the search goes
  // out while the tab's navigation is still on its way. (It used to be sent from the old address, which undid the tab,
  // or typed into a search box the tab then replaced.)
  let searchSent!: () => void;
  const sent = new Promise<void>((resolve) => (searchSent = resolve));
  await page.route(
    (url) => url.pathname.endsWith("/users") && url.searchParams.get("view") === "available",
    async (route) => {
      if (new URL(route.request().url()).searchParams.get("q") === "okafor") searchSent();
      else await Promise.race([sent, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await route.continue();
    },
  );
  await page.route(
    (url) => url.pathname.endsWith("/users") && url.searchParams.get("q") === "okafor" && url.searchParams.get("view") !== "available",
    async (route) => {
      searchSent();
      await route.continue();
    },
  );
  await page.getByRole("link", { name: "Add people" }).click();
  await search.fill("okafor");
  await expect(page).toHaveURL(/[?&]view=available(&|$)/);
  await expect(page).toHaveURL(/[?&]q=okafor(&|$)/);
  await expect(page.getByRole("link", { name: "Add people" })).toHaveAttribute("aria-current", "page");
  await expect(search).toHaveValue("okafor");
  await expect(page.getByRole("checkbox", { name: "Select Amara Okafor" })).toBeVisible();

  // A tab clicked with nothing typed since clears the search, box included.
  await page.unrouteAll();
  await page.getByRole("link", { name: /^Assigned/ }).click();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(search).toHaveValue("");
});

test("search boxes and filters are disabled until the page can take what is typed", async ({ page }) => {
  // The server's HTML, before any script runs: nothing typed there would survive hydration.
  const html = await (await page.request.get("/users")).text();
  const searchbox = /<input[^>]*type="search"[^>]*>/.exec(html)?.[0] ?? "";
  expect(searchbox).toContain('aria-label="Search people by name or e-mail"');
  expect(searchbox).toMatch(/\sdisabled=""/);
  expect(/<select[^>]*aria-label="Status"[^>]*>/.exec(html)?.[0]).toMatch(/\sdisabled=""/);
  // So are every log's filters and dates.
  const audit = await (await page.request.get("/audit-log")).text();
  for (const label of ["Who", "What", "When"]) expect(new RegExp(`<select[^>]*aria-label="${label}"[^>]*>`).exec(audit)?.[0]).toMatch(/\sdisabled=""/);
  for (const label of ["From (UTC)", "To (UTC)"])
    expect(new RegExp(`<input[^>]*aria-label="${label.replace(/[()]/g, "\\$&")}"[^>]*>`).exec(audit)?.[0]).toMatch(/\sdisabled=""/);
  // Once hydrated they work.
  await page.goto("/users");
  await expect(page.getByRole("searchbox", { name: "Search people by name or e-mail" })).toBeEnabled();
  await expect(page.getByRole("combobox", { name: "Status" })).toBeEnabled();
});
