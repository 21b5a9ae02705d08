import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, expect, searchFor, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

// A name no other spec uses: the e2e database is shared by the whole run.
const PERSON = { first: "Auditta", last: "Quillfeather", email: "auditta.quillfeather@halden.example" };
const ADDED = `Added ${PERSON.first} ${PERSON.last} to the directory`;
const EDITED = `Changed the job title of ${PERSON.first} ${PERSON.last}`;

/** Picks a filter's option and waits until the URL has it (a choice made before hydration is made again). */
async function choose(page: Page, label: string, option: string, url: RegExp) {
  await expect(async () => {
    await page.getByRole("combobox", { name: label }).selectOption({ label: option });
    await expect(page).toHaveURL(url, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

test("an admin finds audited changes in plain words by search and filters, and exports just those", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();

  // Two audited changes to a person with a unique name.
  await page.goto("/users/new");
  await page.getByLabel("Work e-mail").fill(PERSON.email);
  await page.getByLabel("First name").fill(PERSON.first);
  await page.getByLabel("Last name").fill(PERSON.last);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(PERSON.last) })).toBeVisible();
  const personUrl = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Job title").fill("Keeper of Records");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("row").filter({ hasText: EDITED })).toBeVisible();

  // Found by search, in plain words, linking to the person.
  await page.goto("/audit-log");
  await searchFor(page, "Search the audit log", "quillfeather");
  const added = page.getByRole("row").filter({ hasText: ADDED });
  await expect(added).toBeVisible();
  await expect(added).toContainText(OWNER.email);
  await expect(added.getByRole("link", { name: `${PERSON.first} ${PERSON.last}` })).toHaveAttribute("href", personUrl);
  await expect(page.getByRole("row").filter({ hasText: EDITED })).toContainText("Job title: — → Keeper of Records");
  await expect(page.getByText("2 events match")).toBeVisible();

  // Narrowed by what, who and when.
  await choose(page, "What", "People", /[?&]category=people/);
  await expect(page.getByText("2 events match")).toBeVisible();
  await choose(page, "Who", OWNER.email, /[?&]actor=/);
  await choose(page, "When", "Last 24 hours", /[?&]range=24h/);
  await expect(page.getByRole("row").filter({ hasText: ADDED })).toBeVisible();
  await expect(page.getByText("2 events match")).toBeVisible();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "audit-log-filtered");

  // Another category has none of them, and says how to clear the filters.
  await choose(page, "What", "Groups", /[?&]category=groups/);
  await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
  await choose(page, "What", "People", /[?&]category=people/);
  await expect(page.getByRole("row").filter({ hasText: ADDED })).toBeVisible();

  // A date range in the past excludes them.
  await expect(async () => {
    await page.getByLabel("To (UTC)").fill("2020-01-31");
    await expect(page).toHaveURL(/[?&]to=2020-01-31/, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page).not.toHaveURL(/[?&]range=/);
  await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: ADDED })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "audit-log-empty");
  await choose(page, "When", "Last 7 days", /[?&]range=7d/);
  await expect(page).not.toHaveURL(/[?&]to=/);
  await expect(page.getByRole("row").filter({ hasText: ADDED })).toBeVisible();

  // The export has the filtered rows only, in the same words.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^roster-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const csv = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(csv.meta.fields).toEqual(["Time (UTC)", "Actor", "Event", "Action", "Target type", "Target", "IP"]);
  expect(csv.data.map((row) => row.Event).sort()).toEqual([ADDED, EDITED].sort());
  for (const row of csv.data) {
    expect(row.Actor).toBe(OWNER.email);
    expect(row.Target).toBe(`${PERSON.first} ${PERSON.last} <${PERSON.email}>`);
    expect(row["Time (UTC)"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }
  expect(csv.data.map((row) => row.Action).sort()).toEqual(["user.created", "user.updated"]);

  // On a phone the rows are cards: time, sentence, who; the link still leads to the person.
  await page.setViewportSize({ width: 390, height: 844 });
  const card = page.getByRole("listitem").filter({ hasText: ADDED });
  await expect(card).toContainText(`by ${OWNER.email}`);
  await card.getByRole("link", { name: `${PERSON.first} ${PERSON.last}` }).click();
  await expect(page.getByRole("heading", { name: new RegExp(PERSON.last) })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
});
