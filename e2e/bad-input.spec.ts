import http from "node:http";
import type { APIRequestContext } from "@playwright/test";
import { OWNER, PEOPLE_ADMIN } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, snapshot, test } from "./support/fixtures";

/**
 * Bad input answers in words, never with a 500: NUL bytes in a search, cursors
 * that are not Roster's, an `Origin: null` upload, a filter a bulk action cannot
 * honour. Requests go to the real production server with a signed-in Owner's cookie.
 */

const cursor = (values: Record<string, string>) => Buffer.from(JSON.stringify(values)).toString("base64url");

/** Cursors that are not base64url JSON at all: the address is refused with a 400 and a sentence. */
const MALFORMED_CURSORS = ["garbage", "%%%", "a%00b", "W10"];
const UNREADABLE_CURSOR = "This address points to a place in a list that Roster cannot read. Open the list again from its first page.";
const CONTROL_IN_SEARCH = "The search text holds a control character, such as a line break or a NUL byte. Remove it and search again.";

/** Cursors that decode to JSON but name no row Roster could have made: the list starts at its first page. */
const FORGED_CURSORS = [
  cursor({ lastName: "Lee", firstName: "Dana", id: "not-a-uuid" }),
  cursor({ lastName: "Lee\u0000", firstName: "Dana", id: "00000000-0000-4000-8000-000000000000" }),
  cursor({ createdAt: "------------------------------------", id: "------------------------------------" }),
  cursor({ createdAt: "275760-09-13T00:00:00.001Z", id: "00000000-0000-4000-8000-000000000000" }),
];

async function expectRefused(request: APIRequestContext, url: string, message: string) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(400);
  expect(await response.text(), url).toContain(message);
}

async function expectPage(request: APIRequestContext, url: string, text: string | RegExp) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(await response.text(), url).toMatch(text);
}

test.describe("signed in", () => {
  test.beforeEach(async ({ page, signInPage }) => {
    await signInPage.goto();
    await signInPage.signIn(OWNER);
    await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  });

  test("a NUL byte or control character in a search is a 400 in words, and never reaches the database", async ({ page }) => {
    for (const q of ["%00", "ada%00lovelace", "%01%7F", "%0A"]) {
      for (const url of [`/users?q=${q}`, `/provisioning-log?q=${q}`, `/users/export?q=${q}`, `/provisioning-log/export?q=${q}`]) {
        await expectRefused(page.request, url, CONTROL_IN_SEARCH);
      }
    }
    await expectRefused(page.request, `/users?q=${"a".repeat(201)}`, "Keep the search under 200 characters.");
    await page.goto("/users?q=%00");
    await expect(page.getByRole("heading", { name: "Roster could not read this address" })).toBeVisible();
    await snapshot(page, "bad-list-address");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "Open the list from its start" }).click();
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    for (const appId of ["------------------------------------", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"]) {
      const response = await page.request.get(`/applications/${appId}/log/export`);
      expect(response.status(), appId).toBeLessThan(500);
    }
  });

  test("a cursor that is not Roster's is a 400 in words, or the first page when it merely names no row", async ({ page }) => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
    await page.getByRole("button", { name: "Add Atlassian" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Add and set up" }).click();
    await expect(page).toHaveURL(/provisioning\/configure$/);
    const appId = /applications\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
    for (const after of MALFORMED_CURSORS) {
      for (const url of [
        `/users?after=${after}`,
        `/users?sort=email&before=${after}`,
        `/provisioning-log?after=${after}`,
        `/applications/${appId}/log?after=${after}`,
        `/audit-log?after=${after}`,
      ]) {
        await expectRefused(page.request, url, UNREADABLE_CURSOR);
      }
    }
    for (const after of FORGED_CURSORS) {
      for (const sort of ["name", "created", "status", "email"]) {
        await expectPage(page.request, `/users?sort=${sort}&after=${after}`, /Users/);
        await expectPage(page.request, `/users?sort=${sort}&before=${after}`, /Users/);
      }
      await expectPage(page.request, `/provisioning-log?after=${after}`, /Provisioning log/);
      await expectPage(page.request, `/applications/${appId}/log?after=${after}`, /log/i);
      await expectPage(page.request, `/applications/${appId}/users?after=${after}`, /Users/);
      await expectPage(page.request, `/audit-log?after=${after}`, /Audit log/);
    }
  });

  test("an upload with `Origin: null` is refused in words", async ({ page }) => {
    const response = await page.request.post("/users/import/upload", {
      headers: { Origin: "null" },
      multipart: {
        file: { name: "people.csv", mimeType: "text/csv", buffer: Buffer.from("Email,First name,Last name\nnull.origin@halden.example,Null,Origin\n") },
      },
    });
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, code: "invalid_input", message: "Upload the file from Roster's own import page." });
  });

  test("a bulk action with a status filter that does not exist changes nobody", async ({ page }) => {
    await page.goto("/users");
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
    const activeBefore = await page.request.get("/users/export?status=ACTIVE").then((response) => response.text());

    // The browser sends the list's filter; an attacker edits it on the way out.
    let rewritten = false;
    await page.route("**/users", async (route) => {
      const request = route.request();
      const body = request.postData();
      if (request.method() !== "POST" || !request.headers()["next-action"] || !body?.includes('"filter"')) return route.continue();
      const args = JSON.parse(body) as [{ selection: { filter: Record<string, unknown> } }];
      args[0].selection.filter.status = "NOPE";
      rewritten = true;
      await route.continue({ postData: JSON.stringify(args) });
    });
    await expect(async () => {
      await page.getByRole("checkbox", { name: "Select all people on this page" }).check();
      await expect(page.getByRole("region", { name: "Bulk actions" })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    const bulk = page.getByRole("region", { name: "Bulk actions" });
    await bulk.getByRole("button", { name: /Select all .* matching people/ }).click();
    await bulk.getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByText("Choose Active or Deactivated as the status filter.")).toBeVisible();
    await snapshot(page, "bulk-filter-refused");
    expect(rewritten).toBe(true);
    expect(await page.request.get("/users/export?status=ACTIVE").then((response) => response.text())).toBe(activeBefore);
  });
});

test("an upload without a session is refused before its body is read", async ({ baseURL }) => {
  // Announce a 4 MB body and send only the headers and a first chunk: a server that
  // reads the body first would wait for the rest and never answer.
  const url = new URL("/users/import/upload", baseURL);
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(4 * 1024 * 1024) } },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => {
          resolve({ status: response.statusCode ?? 0, body });
          request.destroy();
        });
      },
    );
    request.on("error", reject);
    request.write(`--x\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n${"a".repeat(64 * 1024)}`);
  });
  expect(answer.status).toBe(401);
  expect(JSON.parse(answer.body)).toMatchObject({ ok: false, code: "unauthenticated", message: "Your session has ended. Sign in again to continue." });
});

test("an Admin's edit of an Owner's e-mail is refused under the field, and the Owner is unchanged", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(PEOPLE_ADMIN);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await page.goto("/users?q=priya.raman");
  await page.getByRole("link", { name: "Priya Raman" }).click();
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Work e-mail").fill("paula.people+owner@halden.example");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Only an Owner can change an Owner's e-mail.")).toBeVisible();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await snapshot(page, `owner-rule-refused-${width}`);
  }
  await page.goto("/users?q=priya.raman");
  await expect(page.getByText(OWNER.email)).toBeVisible();
});
