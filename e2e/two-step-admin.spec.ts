/**
 * Two-step sign-in after it is set up (issue #17): a person makes new recovery codes on their Two-step sign-in
 * page; an admin resets it for them (a lost phone), which signs them out, and they sign in again with their
 * password only. Also: the users list's CSV of first sign-in links. The organization's two-step requirement is
 * never changed here (the e2e database is shared by specs running at the same time).
 */
import { readFileSync } from "node:fs";
import { generate } from "otplib";
import type { Page } from "@playwright/test";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, expect, searchFor, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

const PASSWORD = "two-step-person-password-1";
const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

test.beforeEach(async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
});

/** Adds a person through the form and answers their page's URL. */
async function addPerson(page: Page, person: { firstName: string; lastName: string; email: string }): Promise<string> {
  await page.goto("/users/new");
  await page.getByLabel("Work e-mail").fill(person.email);
  await page.getByLabel("First name").fill(person.firstName);
  await page.getByLabel("Last name").fill(person.lastName);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { name: `${person.firstName} ${person.lastName}`, level: 1 })).toBeVisible();
  return page.url();
}

/** Opens a set-password link in a browser of its own, chooses the password, and answers that signed-in page. */
async function setPasswordThrough(freshPage: () => Promise<Page>, link: string, email: string): Promise<Page> {
  const person = await freshPage();
  await person.goto(link);
  await expect(person.getByRole("heading", { name: "Welcome! Choose your password" })).toBeVisible();
  await expect(person.getByText(email, { exact: true })).toBeVisible();
  await person.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await person.getByLabel("New password again").fill(PASSWORD);
  await person.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(person).toHaveURL(/\/my-apps$/);
  return person;
}

test("a person makes new recovery codes; an admin resets their two-step sign-in and they sign in with the password only", async ({ page, freshPage }) => {
  test.setTimeout(120_000);
  const id = stamp();
  const tess = { firstName: "Tess", lastName: `Reset ${id}`, email: `tess.reset.${id}@halden.example` };
  const name = `${tess.firstName} ${tess.lastName}`;
  const personUrl = await addPerson(page, tess);
  const signInCard = page.getByRole("region", { name: "Sign-in", exact: true });
  await expect(signInCard).toContainText("They sign in with their password only.");
  await expect(signInCard.getByRole("button", { name: "Reset two-step sign-in" })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign-in link" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Create link" }).click();
  const linkField = page.getByRole("dialog").getByLabel("Invite link");
  await expect(linkField).toHaveValue(/\/set-password\//);
  const link = await linkField.inputValue();
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Tess sets her password and turns on two-step sign-in.
  const person = await setPasswordThrough(freshPage, link, tess.email);
  await person.goto("/two-step");
  const secret = (await person.getByTestId("two-step-secret").innerText()).trim();
  await person.getByLabel("Code from the app").fill(await generate({ secret }));
  await person.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const firstCodes = await person.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allInnerTexts();
  expect(firstCodes).toHaveLength(10);
  await person.getByRole("button", { name: "I saved them, continue" }).click();
  await expect(person).toHaveURL(/\/my-apps$/);

  // Back on the page: it is on, with ten codes; she makes new ones with one of the old.
  await person.goto("/two-step");
  await expect(person.getByText("Two-step sign-in is on. You have 10 unused recovery codes.")).toBeVisible();
  await expect(person.getByRole("button", { name: "Turn off two-step sign-in" })).toBeVisible();
  await bothWidths(person, "two-step-settings");
  await expectNoSeriousA11yViolations(person);
  await person.getByRole("button", { name: "New recovery codes" }).click();
  const renew = person.getByRole("dialog", { name: "Make new recovery codes?" });
  await renew.getByLabel("Code from your app, or a recovery code").fill("wrong-code");
  await renew.getByRole("button", { name: "Make new codes" }).click();
  await expect(renew.getByRole("alert").filter({ hasText: "That code is not right" })).toBeVisible();
  await bothWidths(person, "two-step-new-codes-dialog");
  await expectNoSeriousA11yViolations(person);
  await renew.getByLabel("Code from your app, or a recovery code").fill(firstCodes[0]!);
  await renew.getByRole("button", { name: "Make new codes" }).click();
  await expect(renew).toHaveCount(0);
  const newCodes = await person.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allInnerTexts();
  expect(newCodes).toHaveLength(10);
  expect(newCodes.some((code) => firstCodes.includes(code))).toBe(false);
  await person.getByRole("button", { name: "I saved them" }).click();
  await expect(person.getByText("You have 10 unused recovery codes.")).toBeVisible();

  // The admin sees it on her page and resets it.
  await page.goto(personUrl);
  await expect(signInCard).toContainText("On");
  await expect(signInCard).toContainText("10 unused recovery codes left.");
  await signInCard.getByRole("button", { name: "Reset two-step sign-in" }).click();
  const confirm = page.getByRole("dialog", { name: `Reset two-step sign-in for ${name}?` });
  await expect(confirm).toContainText("they are signed out of Roster everywhere");
  await expect(confirm).toContainText("Next time they sign in with their password only.");
  await bothWidths(page, "person-reset-two-step-dialog");
  await expectNoSeriousA11yViolations(page);
  await confirm.getByRole("button", { name: "Reset two-step sign-in" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByText(`Two-step sign-in reset for ${name}.`)).toBeVisible();
  await expect(signInCard).toContainText("Off");
  await expect(signInCard.getByRole("button", { name: "Reset two-step sign-in" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: `Reset the two-step sign-in of ${name} and signed them out of Roster` })).toBeVisible();
  await dismissToasts(page);
  await bothWidths(page, "person-sign-in-card");
  await expectNoSeriousA11yViolations(page);

  // Her session is gone; she signs in with her password only and lands on My apps.
  await person.goto("/two-step");
  await expect(person.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  await person.getByLabel("Work e-mail").fill(tess.email);
  await person.getByLabel("Password").fill(PASSWORD);
  await person.getByRole("button", { name: "Sign in" }).click();
  await expect(person).toHaveURL(/\/my-apps$/);
  await expect(person.getByRole("heading", { name: "My apps", level: 1 })).toBeVisible();
});

test("an admin reaches their own two-step sign-in from the account menu", async ({ page }) => {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Two-step sign-in" }).click();
  await expect(page).toHaveURL(/\/two-step$/);
  await expect(page.getByRole("heading", { name: "Two-step sign-in", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin panel" })).toBeVisible();
});

/** The cells of a CSV as our exports write it: comma-separated, quoted when needed, lines ending in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') ((cell += '"'), index++);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") (row.push(cell), (cell = ""));
    else if (char === "\n") (row.push(cell.replace(/\r$/, "")), rows.push(row), (row = []), (cell = ""));
    else cell += char;
  }
  if (cell || row.length > 0) rows.push([...row, cell]);
  return rows;
}

test("an admin downloads first sign-in links for two selected people as a CSV, and a link works", async ({ page, freshPage }) => {
  const id = stamp();
  const people = ["Lena", "Omar"].map((firstName) => ({ firstName, lastName: `Links ${id}`, email: `${firstName.toLowerCase()}.links.${id}@halden.example` }));
  for (const person of people) await addPerson(page, person);

  await page.goto("/users");
  await searchFor(page, "Search people by name or e-mail", `links.${id}`);
  for (const person of people) await page.getByRole("checkbox", { name: `Select ${person.firstName} ${person.lastName}` }).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  const [download] = await Promise.all([page.waitForEvent("download"), bar.getByRole("button", { name: "Sign-in links (CSV)" }).click()]);
  expect(download.suggestedFilename()).toBe("sign-in-links.csv");
  await expect(page.getByText("Downloaded 2 sign-in links.", { exact: false })).toBeVisible();

  const [header, ...rows] = parseCsv(readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, ""));
  expect(header).toEqual(["Name", "E-mail", "Link", "Expires (UTC)"]);
  expect(rows.map(([rowName, email]) => [rowName, email]).sort()).toEqual(
    people.map((person) => [`${person.firstName} ${person.lastName}`, person.email]).sort(),
  );
  for (const [, , url, expires] of rows) {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/set-password\/[A-Za-z0-9_-]{43}$/);
    const hoursLeft = (Date.parse(expires!) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(23);
    expect(hoursLeft).toBeLessThanOrEqual(24);
  }

  // Omar's link opens his set-password page, and signs him in.
  const omar = rows.find(([, email]) => email === people[1]!.email)!;
  const signedIn = await setPasswordThrough(freshPage, omar[2]!, omar[1]!);
  await expect(signedIn.getByRole("heading", { name: "My apps", level: 1 })).toBeVisible();
});
