/**
 * SAML single sign-on on the web (issue #17): the Owner sets up an app's Single sign-on tab with a small service
 * provider's Entity ID and ACS URL; the service provider (node-saml, trusting only the certificate Roster
 * publishes) then accepts Roster's assertions, IdP-initiated (Test sign-in) and SP-initiated (an AuthnRequest met by
 * the sign-in page first, and by setting up two-step sign-in when the organization requires it), and refuses nothing
 * it should accept. Someone the app is not assigned to gets a plain page.
 */
import { generate } from "otplib";
import type { Page } from "@playwright/test";
import { ADMIN, OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, expect, SignInPage, switchOn, test } from "./support/fixtures";
import { startServiceProvider, type ServiceProvider } from "./support/saml-service-provider";
import { dismissToasts } from "./support/toasts";

/** Named afresh by the first journey, so that the menus can tell this app apart from another run's. */
let APP_NAME = "";
let sp: ServiceProvider;
let appId: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  sp = await startServiceProvider();
});

test.afterAll(async () => {
  await sp?.close();
});

async function signIn(page: Page, account: { email: string; password: string }) {
  const signInPage = new SignInPage(page);
  await signInPage.goto();
  await signInPage.signIn(account);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
}

/** The value shown beside a label in the tab's list of Roster's addresses. */
const shownValue = (page: Page, label: string) => page.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]/span[1]");

test("the Owner sets up single sign-on for an app, and Test sign-in gets them into it", async ({ page, request }) => {
  APP_NAME = `Signal Test App ${Math.random().toString(36).slice(2, 7)}`;
  await signIn(page, OWNER);
  await page.goto("/applications");
  await page.getByRole("button", { name: "Add Custom SCIM 2.0 app" }).click();
  const addDialog = page.getByRole("dialog", { name: "Add Custom SCIM 2.0 app" });
  await addDialog.getByLabel("Name").fill(APP_NAME);
  await addDialog.getByRole("button", { name: "Add and set up" }).click();
  await expect(page).toHaveURL(/provisioning\/configure$/);
  appId = /applications\/([0-9a-f-]{36})\//.exec(page.url())![1]!;

  await page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Single sign-on" }).click();
  await expect(page.getByRole("heading", { name: "Roster, the identity provider" })).toBeVisible();
  const entityId = (await shownValue(page, "IdP Entity ID").textContent())!;
  const ssoUrl = (await shownValue(page, "SSO URL").textContent())!;
  const metadataUrl = (await shownValue(page, "Metadata URL").textContent())!;
  expect(ssoUrl).toBe(`${entityId}/apps/${appId}`);
  // Nothing to test until single sign-on is on.
  await expect(page.getByRole("link", { name: "Test sign-in" })).toHaveCount(0);

  // What an app fetches: the certificate and the metadata that holds it, without a session.
  const certificateHref = (await page.getByRole("link", { name: "Download certificate (PEM)" }).getAttribute("href"))!;
  const certificate = await request.get(certificateHref);
  expect(certificate.status()).toBe(200);
  const certificatePem = await certificate.text();
  expect(certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  const metadata = await request.get(metadataUrl);
  expect(metadata.headers()["content-type"]).toMatch(/^application\/samlmetadata\+xml/);
  const metadataXml = await metadata.text();
  expect(metadataXml).toContain(`entityID="${entityId}"`);
  expect(metadataXml).toContain(certificatePem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""));
  sp.trust({ entityId, ssoUrl, certificatePem });

  // A wrong ACS URL is refused under its field, and nothing is lost.
  await page.getByLabel("App's Entity ID").fill(sp.entityId);
  await page.getByLabel("ACS URL").fill("http://acs.example.com/saml");
  await page.getByRole("button", { name: "Save single sign-on settings" }).click();
  await expect(page.getByText("The ACS URL must start with https:// so the sign-in cannot be read on the way.")).toBeVisible();
  await expect(page.getByLabel("App's Entity ID")).toHaveValue(sp.entityId);

  await page.getByLabel("ACS URL").fill(sp.acsUrl);
  // Two attributes: one from the directory, one the same for everyone.
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByLabel("Attribute 1 name").fill("email");
  await page.getByLabel("Attribute 1 value from").selectOption("email");
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByLabel("Attribute 2 name").fill("team");
  await page.getByLabel("Attribute 2 value from").selectOption("The same value for everyone");
  await page.getByLabel("Attribute 2 value for everyone").fill("Halden SSO");
  await switchOn(page.getByRole("switch", { name: "Single sign-on" }));
  await page.getByRole("button", { name: "Save single sign-on settings" }).click();
  await expect(page.getByText(`Saved. People assigned to ${APP_NAME} can now sign in to it through Roster.`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Test sign-in" })).toBeVisible();
  await dismissToasts(page);
  await bothWidths(page, "sso-tab");
  await expectNoSeriousA11yViolations(page);

  // Before the Owner is assigned, Test sign-in says so.
  const refusedTab = page.waitForEvent("popup");
  await page.getByRole("link", { name: "Test sign-in" }).click();
  const refused = await refusedTab;
  await expect(refused.getByRole("heading", { name: "This app is not assigned to you" })).toBeVisible();
  await expect(refused.getByText(`You are not assigned to ${APP_NAME}.`)).toBeVisible();
  await refused.close();

  // Assign the Owner to the app, then Test sign-in reaches the service provider, which accepts the assertion.
  await page.goto("/users?q=priya.raman");
  const row = page.getByRole("row", { name: /Priya Raman/ });
  await row.getByRole("button", { name: "Actions for Priya Raman" }).click();
  await page.getByRole("menuitem", { name: "Assign to app" }).press("ArrowRight");
  await page.getByRole("menuitem", { name: APP_NAME, exact: true }).press("Enter");
  await expect(row.getByRole("list", { name: "Apps" }).getByText(APP_NAME, { exact: true })).toBeVisible();

  await page.goto(`/applications/${appId}/sso`);
  const appTab = page.waitForEvent("popup");
  await page.getByRole("link", { name: "Test sign-in" }).click();
  const app = await appTab;
  await expect(app.getByRole("heading", { name: "Test app: signed in" })).toBeVisible();
  await expect(app.locator("#who")).toHaveText(OWNER.email);
  expect(sp.received.at(-1)).toMatchObject({ accepted: true, nameId: OWNER.email, inResponseTo: null, attributes: { email: OWNER.email, team: "Halden SSO" } });
  await app.close();

  // Rotation: the next certificate is published in the metadata before it signs; once in use, it is the one to download.
  const publishedKeys = async () => (await (await request.get(metadataUrl)).text()).match(/<md:KeyDescriptor/g)?.length ?? 0;
  const before = await publishedKeys();
  await page.getByRole("button", { name: "Prepare next certificate" }).click();
  await expect(page.getByText("Next, published but not used yet")).toBeVisible();
  expect(await publishedKeys()).toBe(before + 1);
  await page.getByRole("button", { name: "Start using it" }).click();
  await expect(page.getByText("Next, published but not used yet")).toHaveCount(0);
  await expect(page.getByText("Retired, still published").first()).toBeVisible();
  const nextPem = await (await request.get(certificateHref)).text();
  expect(nextPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(nextPem).not.toBe(certificatePem);
  // The app now trusts only the new certificate: the SP-initiated journey below is signed with it.
  sp.trust({ entityId, ssoUrl, certificatePem: nextPem });
});

test("an Admin the app is not assigned to is refused with a plain page, and the app is sent nothing", async ({ page }) => {
  const sent = sp.received.length;
  await signIn(page, ADMIN);
  const response = await page.goto(`/sso/saml/${appId}/start`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This app is not assigned to you" })).toBeVisible();
  await expect(page.getByText(`You are not assigned to ${APP_NAME}. Ask an administrator of`)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  expect(sp.received).toHaveLength(sent);
});

test("SP-initiated: the app's request waits through sign-in, and the app gets its answer with InResponseTo and RelayState", async ({ page }) => {
  const relayState = `/wiki/spaces/OPS?from="sso"&x=<b>`;
  const { url, requestId } = await sp.authnRequestUrl(relayState);
  await page.goto(url);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await new SignInPage(page).signIn(OWNER);
  await expect(page.getByRole("heading", { name: "Test app: signed in" })).toBeVisible();
  await expect(page.locator("#who")).toHaveText(OWNER.email);
  expect(sp.received.at(-1)).toMatchObject({ accepted: true, nameId: OWNER.email, inResponseTo: requestId, relayState });

  // The same request again (a replay) is refused in words.
  const replay = await page.goto(url);
  expect(replay?.status()).toBe(400);
  await expect(page.getByText(`This sign-in request from ${APP_NAME} was already used.`, { exact: false })).toBeVisible();
});

test("an app that asks for a fresh sign-in (ForceAuthn) gets the password asked again, even with a Roster session", async ({ page }) => {
  await signIn(page, OWNER);
  const { url, requestId } = await sp.authnRequestUrl("/force", { forceAuthn: true });
  await page.goto(url);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await new SignInPage(page).signIn(OWNER);
  await expect(page.getByRole("heading", { name: "Test app: signed in" })).toBeVisible();
  expect(sp.received.at(-1)).toMatchObject({ accepted: true, nameId: OWNER.email, inResponseTo: requestId, relayState: "/force" });
});

test("HTTP-POST binding: a posted request is answered the same way, and only the response page may post to the app's origin", async ({ page, request }) => {
  await signIn(page, OWNER);
  const { url, requestId } = await sp.authnRequestUrl("post-binding");
  const target = new URL(url);
  const form = { SAMLRequest: target.searchParams.get("SAMLRequest")!, RelayState: "post-binding" };
  const ssoUrl = `${target.origin}${target.pathname}`;

  // Signed out: to the sign-in page, which will bring the same request back.
  const signedOut = await request.post(ssoUrl, { form, maxRedirects: 0 });
  expect(signedOut.status()).toBe(303);
  expect(signedOut.headers()["location"]).toMatch(/^\/sign-in\?next=%2Fsso%2Fsaml%2F.+SAMLRequest/);

  const answer = await page.request.post(ssoUrl, { form });
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-security-policy"]).toContain(`form-action 'self' ${new URL(sp.acsUrl).origin};`);
  const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(await answer.text())![1]!;
  const accepted = await request.post(sp.acsUrl, { form: { SAMLResponse: samlResponse, RelayState: "post-binding" } });
  expect(accepted.status()).toBe(200);
  expect(sp.received.at(-1)).toMatchObject({ accepted: true, nameId: OWNER.email, inResponseTo: requestId, relayState: "post-binding" });

  // Other pages keep posting to Roster only.
  const other = await page.request.get("/applications");
  expect(other.headers()["content-security-policy"]).toContain("form-action 'self';");
});

test("SP-initiated, for a person who must set up two-step sign-in first: the app's request waits through it", async ({ page, freshPage }) => {
  const run = Math.random().toString(36).slice(2, 7);
  const person = { email: `enzo.enrol.${run}@halden.example`, name: `Enzo Enrol${run}` };
  await signIn(page, OWNER);

  // A new person, assigned to the app, who chooses a password with a sign-in link while no one must use two-step sign-in.
  await page.goto("/users/new");
  await page.getByLabel("Work e-mail").fill(person.email);
  await page.getByLabel("First name").fill("Enzo");
  await page.getByLabel("Last name").fill(`Enrol${run}`);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { name: person.name, level: 1 })).toBeVisible();
  const personUrl = page.url();
  await page.goto(`/users?q=${encodeURIComponent(person.email)}`);
  const row = page.getByRole("row", { name: new RegExp(person.name) });
  await row.getByRole("button", { name: `Actions for ${person.name}` }).click();
  await page.getByRole("menuitem", { name: "Assign to app" }).press("ArrowRight");
  await page.getByRole("menuitem", { name: APP_NAME, exact: true }).press("Enter");
  await expect(row.getByRole("list", { name: "Apps" }).getByText(APP_NAME, { exact: true })).toBeVisible();
  await page.goto(personUrl);
  await page.getByRole("button", { name: "Sign-in link" }).click();
  await page
    .getByRole("dialog", { name: `Create an invite link for ${person.name}?` })
    .getByRole("button", { name: "Create link" })
    .click();
  const linkField = page.getByRole("dialog").getByLabel("Invite link");
  await expect(linkField).toHaveValue(/\/set-password\//);
  const link = await linkField.inputValue();
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  const enzo = await freshPage();
  await enzo.goto(link);
  await enzo.getByLabel("New password", { exact: true }).fill("enzo-enrol-password-1");
  await enzo.getByLabel("New password again").fill("enzo-enrol-password-1");
  await enzo.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(enzo).toHaveURL(/\/my-apps$/);
  await enzo.getByRole("button", { name: "Account menu" }).click();
  await enzo.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(enzo.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();

  // The Owner now requires two-step sign-in of everyone (put back as it was at the end: other specs sign in without it).
  await page.goto("/settings");
  const previous = (await page.locator('input[name="two-step-requirement"]:checked').getAttribute("value"))!;
  const requireOf = async (label: string) => {
    await page.goto("/settings");
    const option = page.getByRole("radio", { name: label, exact: true });
    if (await option.isChecked()) return;
    await option.check();
    await page.getByRole("button", { name: "Save requirement" }).click();
    await expect(page.getByText("Two-step sign-in requirement saved.")).toBeVisible();
  };
  const labels: Record<string, string> = { NOBODY: "No one (people may turn it on for themselves)", ADMINS: "Owners and Admins", EVERYONE: "Everyone" };
  await requireOf("Everyone");
  try {
    // He starts at the app: after his password he sets up two-step sign-in, and then the app gets its answer.
    const { url, requestId } = await sp.authnRequestUrl("/after-enrolment");
    await enzo.goto(url);
    await expect(enzo).toHaveURL(/\/sign-in\?next=/);
    await enzo.getByLabel("Work e-mail").fill(person.email);
    await enzo.getByLabel("Password").fill("enzo-enrol-password-1");
    await enzo.getByRole("button", { name: "Sign in" }).click();
    await expect(enzo.getByRole("heading", { name: "Set up two-step sign-in" })).toBeVisible();
    await expect(enzo).toHaveURL(/\/sign-in\/two-step\/setup\?next=%2Fsso%2Fsaml%2F/);
    const secret = (await enzo.getByTestId("two-step-secret").innerText()).trim();
    await enzo.getByLabel("Code from the app").fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
    await enzo.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(enzo.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
    await enzo.getByRole("button", { name: "I saved them, continue" }).click();
    await expect(enzo.getByRole("heading", { name: "Test app: signed in" })).toBeVisible();
    await expect(enzo.locator("#who")).toHaveText(person.email);
    expect(sp.received.at(-1)).toMatchObject({ accepted: true, nameId: person.email, inResponseTo: requestId, relayState: "/after-enrolment" });
  } finally {
    await requireOf(labels[previous]!);
  }
});
