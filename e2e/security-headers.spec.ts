/**
 * What the browser is told about every page: a Content-Security-Policy whose nonce is new for
 * each response and is on every script Next renders (so the app still works with no inline
 * script allowed), Permissions-Policy, and no HSTS over plain HTTP.
 */
import { expectNoSeriousA11yViolations } from "./support/axe";
import { OWNER } from "./support/accounts";
import { expect, snapshot, test } from "./support/fixtures";

function nonceOf(policy: string | undefined): string {
  const nonce = policy?.match(/script-src [^;]*'nonce-([^']+)'/)?.[1];
  expect(nonce, `no nonce in ${policy}`).toBeTruthy();
  return nonce!;
}

test("every response carries its own nonce, on every script, and no inline script is allowed", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  expect(first.status()).toBe(200);
  const policy = first.headers()["content-security-policy"];
  expect(policy).toMatch(/frame-ancestors 'none'/);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const nonce = nonceOf(policy);
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);

  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  expect(first.headers()["permissions-policy"]).toMatch(/camera=\(\)/);
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  // Served over plain HTTP, and a client's own X-Forwarded-Proto is no proof of HTTPS.
  expect(first.headers()).not.toHaveProperty("strict-transport-security");
  const claimed = await request.get("/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
  expect(claimed.headers()).not.toHaveProperty("strict-transport-security");
});

test("the app works under the policy: signing in and moving between pages breaks no rule", async ({ page, signInPage }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  await signInPage.goto();
  await expectNoSeriousA11yViolations(page);
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  expect(await violations()).toEqual([]);

  // A client-side navigation needs the scripts that the nonce let in.
  await page.getByRole("navigation").getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
  await snapshot(page, "security-users-under-csp");
});
