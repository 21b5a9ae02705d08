import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER, PEOPLE_ADMIN } from "./support/accounts";
import { bothWidths, ensurePaidPlan, expect, searchFor, snapshot, test } from "./support/fixtures";

const TOKEN = "sandbox-token-7f3e9a";
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, token: TOKEN });
});
test.afterAll(() => sandbox.close());

test("an Owner sets up Atlassian provisioning step by step", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();

  await ensurePaidPlan(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
  await snapshot(page, "wizard-0-catalog");
  await page.getByRole("button", { name: "Add Atlassian" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Add and set up" }).click();
  await expect(page).toHaveURL(/provisioning\/configure$/);
  await expect(page.getByRole("listitem").filter({ hasText: "Configure" })).toHaveAttribute("aria-current", "step");

  // 1. Configure, with bad input first.
  const endpoint = page.getByLabel("Sync endpoint");
  const token = page.getByLabel("SCIM token");
  await endpoint.fill("api.atlassian.com/scim/directory/123");
  await token.fill("x");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("Start the URL with https://", { exact: false })).toBeVisible();
  await endpoint.fill("https://api.atlassian.com/scim/ directory/123");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("The URL cannot contain spaces.", { exact: false })).toBeVisible();
  await endpoint.fill(sandbox.baseUrl);
  // A 10 MB paste: set through the native setter so React sees the change.
  await token.evaluate(
    (input: HTMLInputElement, size) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, "t".repeat(size));
      input.dispatchEvent(new Event("input", { bubbles: true }));
    },
    10 * 1024 * 1024,
  );
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("That token is too long for a SCIM token", { exact: false })).toBeVisible();
  await token.fill("wrong-token-0000");
  await snapshot(page, "wizard-1-configure");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // 2. Authorize: the wrong token is explained, then the right one works.
  await expect(page).toHaveURL(/provisioning\/authorize$/);
  // Each step's heading takes focus as the step loads, and each check's result when the check ends.
  await expect(page.getByRole("heading", { name: "Authorize", exact: true })).toBeFocused();
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Authorization failed" })).toContainText("refused the SCIM token (HTTP 401)");
  await expect(page.getByRole("alert").filter({ hasText: "Authorization failed" })).toBeFocused();
  await snapshot(page, "wizard-2-authorize-failed");
  await page.getByRole("link", { name: "Change the Sync endpoint or token" }).click();
  await expect(page.getByLabel("SCIM token")).toHaveAttribute("placeholder", /0000$/);
  await page.getByLabel("SCIM token").fill(TOKEN);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected to Atlassian" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Connected to Atlassian" })).toBeFocused();
  await snapshot(page, "wizard-2-authorize-ok");
  await bothWidths(page, "wizard-authorize");

  // The token never comes back to the browser.
  const html = await (await page.request.get(page.url().replace("authorize", "configure"))).text();
  expect(html).not.toContain(TOKEN);
  expect(html).toContain("9a"); // ••••…f3e9a: the last four characters only
  await page.getByRole("link", { name: "Next: map fields" }).click();

  // 3. Map fields: a hardcoded value reaches the preview.
  await expect(page.getByRole("heading", { name: "Map fields" })).toBeVisible();
  await expect(page.getByLabel("SCIM JSON preview")).toContainText('"userName": "priya.raman@halden.example"');
  await page.getByRole("button", { name: "Edit Organization", exact: true }).click();
  await page.getByLabel("A hardcoded value, the same for everyone").check();
  await page.getByLabel("Hardcoded value", { exact: true }).fill("Halden Group");
  await page.getByRole("button", { name: "OK" }).click();
  await expect(page.getByLabel("SCIM JSON preview")).toContainText('"organization": "Halden Group"');
  await snapshot(page, "wizard-3-mapping");
  await page.getByRole("button", { name: "Save and Next" }).click();

  // 4. Sync actions.
  await expect(page).toHaveURL(/provisioning\/actions$/);
  await page.getByRole("switch", { name: "Delete users" }).click();
  await expect(page.getByRole("switch", { name: "Delete users" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Provisioning to Atlassian is on" })).toBeVisible();
  await snapshot(page, "wizard-4-actions");
  await page.getByRole("link", { name: "Done", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Atlassian/ }).getByText("Active")).toBeVisible();

  // Assign people from the app's Users tab.
  await page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByText("No one is assigned yet")).toBeVisible();
  await page.getByRole("link", { name: "Add people" }).click();
  await searchFor(page, "Search people by name or e-mail", "okafor");
  await page.getByRole("checkbox", { name: "Select Amara Okafor" }).check();
  await page.getByRole("button", { name: "Assign to Atlassian" }).click();
  await expect(page.getByText("Assigned 1 person.")).toBeVisible();
  await page.getByRole("link", { name: "Assigned (1)" }).click();
  await expect(page.getByRole("row").filter({ hasText: "amara.okafor@halden.example" })).toBeVisible();
  await snapshot(page, "app-users");

  // Every change is in the audit log, the token only as "changed".
  await page.goto("/audit-log");
  const log = await page.locator("main").innerText();
  expect(log).not.toContain(TOKEN);
  await expect(page.getByRole("row").filter({ hasText: "Changed the token and Sync endpoint of" }).first()).toContainText("changed");
});

test("an Admin without “view apps” is refused", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(PEOPLE_ADMIN);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await page.goto("/applications");
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
});
