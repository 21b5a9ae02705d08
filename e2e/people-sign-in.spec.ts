/**
 * A person who is not an admin signs in to My apps (issue #17): an admin creates their first sign-in link, they
 * choose a password, set up two-step sign-in (the code computed here from the key shown beside the QR code),
 * sign in again with a code, and see their app's tile. Once the admin has set up single sign-on for the app, the
 * tile signs them in to it: a SAML service provider in this spec accepts the assertion for them. Once the admin
 * deactivates them, their session is gone and the app gets nothing more.
 */
import { generate } from "otplib";
import type { Page } from "@playwright/test";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, expect, test } from "./support/fixtures";
import { PORTAL_APP, PORTAL_PERSON } from "./support/people-sign-in-data";
import { startServiceProvider, type ServiceProvider } from "./support/saml-service-provider";

const PASSWORD = "pia-portal-password-1";

let sp: ServiceProvider;
test.beforeAll(async () => {
  sp = await startServiceProvider();
});
test.afterAll(async () => {
  await sp?.close();
});

/** A value the Single sign-on tab shows, beside its label. */
const shownValue = (page: Page, label: string) => page.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]/span[1]");

/** A code the authenticator would show: for the current 30-second step, or the next one (still in the window). */
const codeFor = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });

test("a person signs in with a link, sets up two-step sign-in, sees their apps, and is signed out when deactivated", async ({ page, signInPage, browser }) => {
  test.setTimeout(120_000);
  // The admin creates Pia's first sign-in link on her page.
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await page.goto(`/users?q=${encodeURIComponent("pia.portal")}`);
  await page.getByRole("link", { name: PORTAL_PERSON.name }).first().click();
  await expect(page.getByRole("heading", { name: PORTAL_PERSON.name, level: 1 })).toBeVisible();
  const personUrl = page.url();
  await page.getByRole("button", { name: "Sign-in link" }).click();
  const dialog = page.getByRole("dialog", { name: `Create an invite link for ${PORTAL_PERSON.name}?` });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const linkField = page.getByRole("dialog").getByLabel("Invite link");
  await expect(linkField).toHaveValue(/\/set-password\/[A-Za-z0-9_-]{43}$/);
  const link = await linkField.inputValue();
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();

  // Pia opens it in her own browser and chooses a password: she lands on My apps.
  const context = await browser.newContext();
  const pia = await context.newPage();
  await pia.goto(link);
  await expect(pia.getByRole("heading", { name: "Welcome! Choose your password" })).toBeVisible();
  await pia.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await pia.getByLabel("New password again").fill(PASSWORD);
  await pia.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(pia).toHaveURL(/\/my-apps$/);
  await expect(pia.getByRole("heading", { name: "My apps", level: 1 })).toBeVisible();

  // The link worked once.
  const again = await context.newPage();
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await again.close();

  // She sets up two-step sign-in from her menu.
  await pia.getByRole("button", { name: "Account menu" }).click();
  await pia.getByRole("menuitem", { name: "Two-step sign-in" }).click();
  await expect(pia.getByRole("heading", { name: "Two-step sign-in", level: 1 })).toBeVisible();
  await expect(pia.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  const secret = (await pia.getByTestId("two-step-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await bothWidths(pia, "two-step-setup");
  await expectNoSeriousA11yViolations(pia);
  await pia.getByLabel("Code from the app").fill("000000");
  await pia.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(pia.getByRole("alert").filter({ hasText: "That code is not right" })).toBeVisible();
  await pia.getByLabel("Code from the app").fill(await codeFor(secret));
  await pia.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(pia.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await bothWidths(pia, "two-step-recovery-codes");
  await expectNoSeriousA11yViolations(pia);
  await pia.getByRole("button", { name: "I saved them, continue" }).click();
  await expect(pia).toHaveURL(/\/my-apps$/);

  // She signs out and in again: the password, then a code.
  await pia.getByRole("button", { name: "Account menu" }).click();
  await pia.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(pia.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  await pia.getByLabel("Work e-mail").fill(PORTAL_PERSON.email);
  await pia.getByLabel("Password").fill(PASSWORD);
  await pia.getByRole("button", { name: "Sign in" }).click();
  await expect(pia.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  // Half-way, the session opens nothing.
  const halfway = await context.newPage();
  await halfway.goto("/my-apps");
  await expect(halfway.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  await halfway.close();
  await bothWidths(pia, "two-step-code");
  await expectNoSeriousA11yViolations(pia);
  // The enrolment's code was spent; the next step's is still within the window.
  await pia.getByLabel("Code").fill(await codeFor(secret, 1));
  await pia.getByRole("button", { name: "Continue" }).click();
  await expect(pia).toHaveURL(/\/my-apps$/);

  // My apps: her app, as a tile that says single sign-on is not set up yet.
  const tile = pia.getByRole("list", { name: "Your apps" }).getByRole("listitem").filter({ hasText: PORTAL_APP.name });
  await expect(tile).toContainText("Assigned to you");
  await expect(tile).toContainText("Single sign-on is not set up for this app yet");
  await expect(tile.getByRole("link")).toHaveCount(0);
  await bothWidths(pia, "my-apps");
  await expectNoSeriousA11yViolations(pia);
  // Nothing of the admin panel.
  await pia.goto("/users");
  await expect(pia).toHaveURL(/\/my-apps$/);

  // The admin sees her sign-ins in the sign-in log: the wrong enrolment code is not a sign-in; the one with a code is.
  await page.goto(`/sign-in-log?who=${encodeURIComponent(PORTAL_PERSON.email)}`);
  await expect(page.getByRole("heading", { name: "Sign-in log", level: 1 })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row").filter({ hasText: PORTAL_PERSON.email });
  await expect(rows.filter({ hasText: "With password and code" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "With one-time link" })).toHaveCount(1);
  await bothWidths(page, "sign-in-log");
  await expectNoSeriousA11yViolations(page);
  const csv = await page.request.get(`/sign-in-log/export?who=${encodeURIComponent(PORTAL_PERSON.email)}&outcome=SUCCEEDED`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toContain("Time (UTC),Person,Signed in to,Outcome,Reason,Method,IP");
  expect(lines.slice(1).map((line) => line.split(",").slice(1, 6).join(","))).toEqual([
    `${PORTAL_PERSON.email},Roster,Succeeded,,password and code`,
    `${PORTAL_PERSON.email},Roster,Succeeded,,one-time link`,
  ]);

  // The admin sets up single sign-on for her app, with this spec's service provider as the app.
  await page.goto(`/applications/${PORTAL_APP.id}/sso`);
  await expect(page.getByRole("heading", { name: "Roster, the identity provider" })).toBeVisible();
  const certificate = await page.request.get((await page.getByRole("link", { name: "Download certificate (PEM)" }).getAttribute("href"))!);
  sp.trust({
    entityId: (await shownValue(page, "IdP Entity ID").textContent())!,
    ssoUrl: (await shownValue(page, "SSO URL").textContent())!,
    certificatePem: await certificate.text(),
  });
  await page.getByLabel("App's Entity ID").fill(sp.entityId);
  await page.getByLabel("ACS URL").fill(sp.acsUrl);
  const enabled = page.getByRole("switch", { name: "Single sign-on" });
  await expect(async () => {
    if ((await enabled.getAttribute("aria-checked")) !== "true") await enabled.click();
    await expect(enabled).toHaveAttribute("aria-checked", "true", { timeout: 1000 });
  }).toPass();
  await page.getByRole("button", { name: "Save single sign-on settings" }).click();
  await expect(page.getByText(`Saved. People assigned to ${PORTAL_APP.name} can now sign in to it through Roster.`)).toBeVisible();

  // Her tile now opens the app: the service provider accepts an assertion naming her.
  await pia.goto("/my-apps");
  await tile.getByRole("link").click();
  await expect(pia.getByRole("heading", { name: "Test app: signed in" })).toBeVisible();
  await expect.poll(() => sp.received.length).toBe(1);
  expect(sp.received[0]).toMatchObject({ accepted: true, nameId: PORTAL_PERSON.email, inResponseTo: null });
  // ...and the sign-in log says so, naming the app.
  await page.goto(`/sign-in-log?who=${encodeURIComponent(PORTAL_PERSON.email)}`);
  await expect(rows.filter({ hasText: PORTAL_APP.name }).filter({ hasText: "Succeeded" })).toHaveCount(1);

  // The admin deactivates her: her session ends at once.
  await page.goto(personUrl);
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: `Deactivate ${PORTAL_PERSON.name}?` });
  await confirm.getByRole("button", { name: "Deactivate" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Inactive").first()).toBeVisible();
  await pia.goto("/my-apps");
  await expect(pia.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  // Her way into the app is closed too: no session, no assertion, and her password no longer signs her in.
  await pia.goto(`/sso/saml/${PORTAL_APP.id}/start`);
  await expect(pia.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  await pia.getByLabel("Work e-mail").fill(PORTAL_PERSON.email);
  await pia.getByLabel("Password").fill(PASSWORD);
  await pia.getByRole("button", { name: "Sign in" }).click();
  await expect(pia.getByRole("alert").filter({ hasText: "That e-mail and password do not match an account." })).toBeVisible();
  await expect(pia.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  expect(sp.received).toHaveLength(1);
  await context.close();
});
