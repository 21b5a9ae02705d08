/**
 * A person who is not an admin signs in to My apps (issue #17), and through it to the organization's Atlassian app.
 * The admin connects an Atlassian app (this spec's own SCIM sandbox) and assigns the person to it: the sandbox gets
 * her account. The admin creates her first sign-in link; she chooses a password, sets up two-step sign-in (the code
 * computed here from the key shown beside the QR code), signs in again with a code, and sees the app's tile. Once the
 * admin has set up single sign-on for the app, the tile signs her in to it: a SAML service provider in this spec
 * accepts an assertion naming her as the sandbox knows her, and so does a sign-in that starts at the app (through the
 * password and the code). Once the admin deactivates her, her session is gone, the app gets nothing more, and her
 * account in the sandbox is inactive. Each run adds its own person and app, so the journey runs again on the same
 * database.
 */
import { generate } from "otplib";
import type { Page } from "@playwright/test";
import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, connectAtlassianApp, expect, switchOn, test } from "./support/fixtures";
import { startServiceProvider, type ServiceProvider } from "./support/saml-service-provider";

const PASSWORD = "pia-portal-password-1";

let sp: ServiceProvider;
let sandbox: RunningSandbox;
let token: string;
test.beforeEach(async () => {
  token = `sandbox-token-people-sign-in-${Math.random().toString(36).slice(2, 10)}`;
  [sp, sandbox] = await Promise.all([startServiceProvider(), startSandbox({ quiet: true, token })]);
});
test.afterEach(async () => {
  await Promise.all([sp?.close(), sandbox?.close()]);
});

/** A value the Single sign-on tab shows, beside its label. */
const shownValue = (page: Page, label: string) => page.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]/span[1]");

/**
 * Pia's authenticator app. The server takes each 30-second step's code once, and only for the steps next to its own
 * clock; so each code here is for a step not used yet, and when the next one is still ahead, this waits (as a person
 * would) until the app shows it.
 */
function authenticator(secret: string) {
  const stepNow = () => Math.floor(Date.now() / 30_000);
  let spent = Number.NEGATIVE_INFINITY;
  return async function nextCode(): Promise<string> {
    await expect.poll(stepNow, { message: "the authenticator shows a code not used yet", timeout: 40_000 }).toBeGreaterThanOrEqual(spent);
    spent = Math.max(spent + 1, stepNow());
    return generate({ secret, epoch: spent * 30 });
  };
}

test("a person signs in with a link and two-step sign-in, reaches the Atlassian app by single sign-on, and is refused once deactivated", async ({
  page,
  signInPage,
  freshPage,
}) => {
  test.setTimeout(180_000);
  const run = Math.random().toString(36).slice(2, 7);
  const person = { email: `pia.portal.${run}@halden.example`, name: "Pia Portal" };
  const appName = `Atlassian ${run}`;

  // The admin connects an Atlassian app (this spec's sandbox) through the wizard.
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  const appId = await connectAtlassianApp(page, sandbox.baseUrl, token, appName);

  // She is a new person in the directory, without a role or a password.
  await page.goto("/users/new");
  await page.getByLabel("Work e-mail").fill(person.email);
  await page.getByLabel("First name").fill("Pia");
  await page.getByLabel("Last name").fill("Portal");
  await page.getByLabel("Department", { exact: true }).fill("Support");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { name: person.name, level: 1 })).toBeVisible();
  const personUrl = page.url();

  // The admin assigns her to the app on its Users tab: the sandbox gets one new account, active, named by her e-mail.
  const accountsBefore = new Set(sandbox.store.users.all().map((user) => user.id));
  const newAccounts = () => sandbox.store.users.all().filter((user) => !accountsBefore.has(user.id));
  await page.goto(`/applications/${appId}/users?view=available&q=${encodeURIComponent(person.email)}`);
  await page.getByRole("checkbox", { name: `Select ${person.name}` }).check();
  await page.getByRole("button", { name: `Assign to ${appName}` }).click();
  await expect(page.getByText("Assigned 1 person.")).toBeVisible();
  await expect
    .poll(() => newAccounts().map((user) => ({ userName: user.attributes.userName, active: user.attributes.active })), {
      message: "her account appears in the app, active",
      timeout: 20_000,
    })
    .toEqual([{ userName: person.email, active: true }]);
  const account = newAccounts()[0]!;

  // The admin creates her first sign-in link on her page.
  await page.goto(personUrl);
  await page.getByRole("button", { name: "Sign-in link" }).click();
  const dialog = page.getByRole("dialog", { name: `Create an invite link for ${person.name}?` });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const linkField = page.getByRole("dialog").getByLabel("Invite link");
  await expect(linkField).toHaveValue(/\/set-password\/[A-Za-z0-9_-]{43}$/);
  const link = await linkField.inputValue();
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();

  // Pia opens it in her own browser and chooses a password: she lands on My apps.
  const pia = await freshPage();
  const context = pia.context();
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
  const nextCode = authenticator(secret);
  await bothWidths(pia, "two-step-setup");
  await expectNoSeriousA11yViolations(pia);
  await pia.getByLabel("Code from the app").fill("000000");
  await pia.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(pia.getByRole("alert").filter({ hasText: "That code is not right" })).toBeVisible();
  await pia.getByLabel("Code from the app").fill(await nextCode());
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
  await pia.getByLabel("Work e-mail").fill(person.email);
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
  await pia.getByLabel("Code").fill(await nextCode());
  await pia.getByRole("button", { name: "Continue" }).click();
  await expect(pia).toHaveURL(/\/my-apps$/);

  // My apps: the Atlassian app, as a tile that says single sign-on is not set up yet.
  const tile = pia.getByRole("list", { name: "Your apps" }).getByRole("listitem").filter({ hasText: appName });
  await expect(tile).toContainText("Assigned to you");
  await expect(tile).toContainText("Single sign-on is not set up for this app yet");
  await expect(tile.getByRole("link")).toHaveCount(0);
  await bothWidths(pia, "my-apps");
  await expectNoSeriousA11yViolations(pia);
  // Nothing of the admin panel.
  await pia.goto("/users");
  await expect(pia).toHaveURL(/\/my-apps$/);

  // The admin sees her sign-ins in the sign-in log: the wrong enrolment code is not a sign-in; the one with a code is.
  await page.goto(`/sign-in-log?who=${encodeURIComponent(person.email)}`);
  await expect(page.getByRole("heading", { name: "Sign-in log", level: 1 })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row").filter({ hasText: person.email });
  await expect(rows.filter({ hasText: "With password and code" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "With one-time link" })).toHaveCount(1);
  await bothWidths(page, "sign-in-log");
  await expectNoSeriousA11yViolations(page);
  const csv = await page.request.get(`/sign-in-log/export?who=${encodeURIComponent(person.email)}&outcome=SUCCEEDED`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toContain("Time (UTC),Person,Signed in to,Outcome,Reason,Method,IP");
  expect(lines.slice(1).map((line) => line.split(",").slice(1, 6).join(","))).toEqual([
    `${person.email},Roster,Succeeded,,password and code`,
    `${person.email},Roster,Succeeded,,one-time link`,
  ]);

  // The admin sets up single sign-on on the Atlassian app's Single sign-on tab, with this spec's service provider
  // standing in for Atlassian.
  await page.goto(`/applications/${appId}`);
  await page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Single sign-on" }).click();
  await expect(page.getByRole("heading", { name: "Roster, the identity provider" })).toBeVisible();
  const certificate = await page.request.get((await page.getByRole("link", { name: "Download certificate (PEM)" }).getAttribute("href"))!);
  sp.trust({
    entityId: (await shownValue(page, "IdP Entity ID").textContent())!,
    ssoUrl: (await shownValue(page, "SSO URL").textContent())!,
    certificatePem: await certificate.text(),
  });
  await page.getByLabel("App's Entity ID").fill(sp.entityId);
  await page.getByLabel("ACS URL").fill(sp.acsUrl);
  await switchOn(page.getByRole("switch", { name: "Single sign-on" }));
  await page.getByRole("button", { name: "Save single sign-on settings" }).click();
  await expect(page.getByText(`Saved. People assigned to ${appName} can now sign in to it through Roster.`)).toBeVisible();

  // Her Atlassian tile now opens the app: the service provider accepts an assertion naming her, by the same name the
  // app's account has (single sign-on and provisioning agree on who is who).
  await pia.goto("/my-apps");
  await expect(tile.getByRole("link")).toBeVisible();
  await expect(tile).not.toContainText("Single sign-on is not set up");
  await bothWidths(pia, "my-apps-atlassian");
  await expectNoSeriousA11yViolations(pia);
  await tile.getByRole("link").click();
  await expect(pia.getByRole("heading", { name: "Test app: signed in" })).toBeVisible();
  await expect.poll(() => sp.received.length).toBe(1);
  expect(sp.received[0]).toMatchObject({ accepted: true, nameId: person.email, inResponseTo: null });
  expect(sp.received[0]!.nameId).toBe(account.attributes.userName);
  // ...and the sign-in log says so, naming the app.
  await page.goto(`/sign-in-log?who=${encodeURIComponent(person.email)}`);
  await expect(rows.filter({ hasText: appName }).filter({ hasText: "Succeeded" })).toHaveCount(1);

  // Signed out, she starts at the app instead: its sign-in request waits through her password and her code, and the
  // app gets the answer to that request.
  await pia.goto("/my-apps");
  await pia.getByRole("button", { name: "Account menu" }).click();
  await pia.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(pia.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  const relayState = "/jira/your-work";
  const { url, requestId } = await sp.authnRequestUrl(relayState);
  await pia.goto(url);
  await expect(pia).toHaveURL(/\/sign-in\?next=/);
  await pia.getByLabel("Work e-mail").fill(person.email);
  await pia.getByLabel("Password").fill(PASSWORD);
  await pia.getByRole("button", { name: "Sign in" }).click();
  await expect(pia.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  await expect(pia).toHaveURL(/\/sign-in\/two-step\?next=%2Fsso%2Fsaml%2F/);
  await pia.getByLabel("Code").fill(await nextCode());
  await pia.getByRole("button", { name: "Continue" }).click();
  await expect(pia.getByRole("heading", { name: "Test app: signed in" })).toBeVisible();
  await expect(pia.locator("#who")).toHaveText(person.email);
  expect(sp.received).toHaveLength(2);
  expect(sp.received[1]).toMatchObject({ accepted: true, nameId: account.attributes.userName, inResponseTo: requestId, relayState });

  // The admin deactivates her: her session ends at once, and her account in the app is deactivated.
  await page.goto(personUrl);
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: `Deactivate ${person.name}?` });
  await confirm.getByRole("button", { name: "Deactivate" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Inactive").first()).toBeVisible();
  await pia.goto("/my-apps");
  await expect(pia.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  await expect
    .poll(() => sandbox.store.users.all().find((user) => user.id === account.id)?.attributes.active, {
      message: "her account in the app is deactivated",
      timeout: 20_000,
    })
    .toBe(false);
  // Her way into the app is closed too: no session, no assertion, and her password no longer signs her in.
  await pia.goto(`/sso/saml/${appId}/start`);
  await expect(pia.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  await pia.getByLabel("Work e-mail").fill(person.email);
  await pia.getByLabel("Password").fill(PASSWORD);
  await pia.getByRole("button", { name: "Sign in" }).click();
  await expect(pia.getByRole("alert").filter({ hasText: "That e-mail and password do not match an account." })).toBeVisible();
  await expect(pia.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  expect(sp.received).toHaveLength(2);
});
