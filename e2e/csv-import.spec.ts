import { OWNER } from "./support/accounts";
import { expect, snapshot, test, searchFor } from "./support/fixtures";

test.beforeEach(async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
});

test("an admin previews a CSV file with a bad row, imports it, and exports people safely", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const department = `Security ${stamp}`;
  const csv = [
    "E-mail,First name,Last name,Job title,Department,Shoe size",
    `ada.${stamp}@import.example,Ada,Lovelace,Analyst,${department},38`,
    "not-an-email,Bad,Row,,,",
    `script.${stamp}@import.example,<script>alert(1)</script>,Tester,=cmd|' /C calc'!A0,${department},`,
    `grace.${stamp}@import.example,Grace,Hopper,Rear Admiral,${department},`,
    "amara.okafor@halden.example,Amara,Okafor,,,",
  ].join("\r\n");
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });

  await page.getByRole("link", { name: "Users", exact: true }).click();
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import people from a CSV file" })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({ name: "new-starters.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByText("new-starters.csv")).toBeVisible();
  await snapshot(page, "csv-import-upload");
  await page.getByRole("button", { name: "Check file" }).click();

  // The preview: counts, the bad row next to its line, the skip, the ignored column; nothing imported yet.
  await expect(page.getByRole("heading", { name: "Check the file before importing" })).toBeVisible();
  await expect(page.getByText("Column “Shoe size” is not a Roster field; it will be ignored.")).toBeVisible();
  const badRow = page.getByRole("row").filter({ hasText: "Line 3" });
  await expect(badRow).toContainText("E-mail");
  await expect(badRow).toContainText("Enter a valid e-mail address, such as dana.lee@example.com.");
  await expect(badRow).toContainText("not-an-email");
  await expect(page.getByRole("row").filter({ hasText: "Line 6" })).toContainText(
    "Already in the directory as Amara Okafor; this row is skipped, not updated.",
  );
  await expect(page.getByRole("row").filter({ hasText: "Line 4" }).getByText("<script>alert(1)</script> Tester", { exact: true })).toBeVisible();
  await snapshot(page, "csv-import-preview");

  // Import: the progress reaches the end, then the summary.
  await page.getByRole("button", { name: "Import 3 people" }).click();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "3");
  await expect(page.getByRole("status").filter({ hasText: "Imported 3 of 3" })).toBeVisible();
  await expect(page.getByText("3 people were added to the directory")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Line 3" })).toContainText("Not imported");
  await snapshot(page, "csv-import-summary");

  // The people are in the list, and the export (with this page's cookies, ordered by last name) neutralises the formula cell.
  await page.getByRole("link", { name: "Go to users" }).click();
  await searchFor(page, "Search people by name or e-mail", `script.${stamp}`);
  await expect(page.getByRole("link", { name: "<script>alert(1)</script> Tester" })).toBeVisible();

  const response = await page.request.get(`/users/export?department=${encodeURIComponent(department)}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="roster-people-\d{4}-\d{2}-\d{2}\.csv"$/);
  const lines = (await response.text())
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("E-mail,First name,Last name,Display name,Employee ID,Job title,Department,Mobile,Locale,Time zone,Status");
  expect(lines.slice(1)).toEqual([
    `grace.${stamp}@import.example,Grace,Hopper,,,Rear Admiral,${department},,,,Active`,
    `ada.${stamp}@import.example,Ada,Lovelace,,,Analyst,${department},,,,Active`,
    `script.${stamp}@import.example,<script>alert(1)</script>,Tester,,,'=cmd|' /C calc'!A0,${department},,,,Active`,
  ]);
  expect(dialogs).toBe(0);
});

test("a file that is not UTF-8 is refused with what to do", async ({ page }) => {
  await page.goto("/users/import");
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Email,First name,Last name\r\nzoe@example.com,Zoë,Lee\r\n", "utf16le")]);
  await page.getByLabel("CSV file").setInputFiles({ name: "excel-unicode.csv", mimeType: "text/csv", buffer: utf16 });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("This file is not UTF-8 text. Save it as “CSV UTF-8” and upload again.");
  await expect(page).toHaveURL(/\/users\/import$/);
});

test("the export refuses a request without a valid session", async ({ playwright, baseURL }) => {
  const stranger = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: "roster_session=not-a-session" } });
  const response = await stranger.get("/users/export");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: "Your session has ended. Sign in again to continue." });
  await stranger.dispose();
});
