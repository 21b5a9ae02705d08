import { OWNER } from "./support/accounts";
import { startDnsServer, type DnsServer } from "./support/dns-server";
import { expect, snapshot, test } from "./support/fixtures";

let dns: DnsServer;

// The server under test resolves through ROSTER_DNS_SERVERS=127.0.0.1:$E2E_DNS_PORT (e2e/support/serve.ts).
test.beforeAll(async () => {
  dns = await startDnsServer(Number(process.env.E2E_DNS_PORT));
});
test.afterAll(() => dns.stop());

test.beforeEach(async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
});

test("an admin adds a domain, fails to verify it, creates the TXT record, and verifies it", async ({ page }) => {
  const domain = `verify-${Date.now().toString(36)}.example`;
  const host = `_roster-verification.${domain}`;

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Manage domains" }).click();
  await expect(page.getByRole("heading", { name: "Domains", exact: true })).toBeVisible();

  // A URL is not a domain: the error is under the field.
  await page.getByLabel("Domain").fill(`https://${domain}/login`);
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByText("Enter the domain only, without http:// or https://.")).toBeVisible();

  await page.getByLabel("Domain").fill(`  ${domain.toUpperCase()} `);
  await page.getByRole("button", { name: "Add domain" }).click();
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: domain }) });
  await expect(item.getByText("Not verified")).toBeVisible();
  await expect(item.getByRole("definition").filter({ hasText: host })).toBeVisible();
  const value = (await item.getByRole("definition").filter({ hasText: "roster-verification=" }).textContent())!.trim();
  expect(value).toMatch(/^roster-verification=[A-Za-z0-9_-]{32,}$/);

  // Adding it again is a field error.
  await page.getByLabel("Domain").fill(domain);
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByText(`${domain} is already in your list of domains.`)).toBeVisible();

  // No record yet: the reason in plain words, kept on the domain.
  await item.getByRole("button", { name: "Verify" }).click();
  await expect(item.getByText(`There is no TXT record at ${host} yet.`, { exact: false })).toBeVisible();
  await expect(item.getByText(/Last checked \d/)).toBeVisible();
  await snapshot(page, "domains-not-verified");

  dns.records.set(host, ["v=spf1 -all", value]);
  await item.getByRole("button", { name: "Verify" }).click();
  await expect(item.getByText("Verified", { exact: true })).toBeVisible();
  await expect(item.getByRole("button", { name: "Verify" })).toHaveCount(0);
  await expect(item.getByText(/There is no TXT record/)).toHaveCount(0);
  await snapshot(page, "domains-verified");

  // Remove, with a confirmation that says what happens.
  await item.getByRole("button", { name: "Remove" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`No one in your directory has an e-mail address on ${domain}.`);
  await dialog.getByRole("button", { name: "Remove domain" }).click();
  await expect(page.getByText(`Removed ${domain}.`)).toBeVisible();
  await expect(item).toHaveCount(0);

  await page.goto("/audit-log");
  for (const action of ["Removed the domain", "Verified the domain", "Added the domain"]) {
    await expect(page.getByRole("row").filter({ hasText: action }).filter({ hasText: domain }).first()).toBeVisible();
  }
});
