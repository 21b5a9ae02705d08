import { ADMIN, MEMBER, OWNER } from "./support/accounts";
import { expect, selectUntilTaken, snapshot, test } from "./support/fixtures";

test.describe("signing in", () => {
  test("an unauthenticated visitor is sent to the sign-in page", async ({ page, request }) => {
    for (const path of ["/", "/settings", "/audit-log", "/users"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(307);
      expect(response.headers().location).toMatch(/\/sign-in$/);
    }
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/sign-in$/);
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("a wrong password shows one generic error", async ({ page, signInPage }) => {
    await signInPage.goto();
    await snapshot(page, "sign-in");
    await signInPage.signIn({ email: OWNER.email, password: "not-the-password" });
    await expect(signInPage.error).toHaveText("That e-mail and password do not match an account.");
    await signInPage.signIn({ email: "nobody@halden.example", password: "whatever" });
    await expect(signInPage.error).toHaveText("That e-mail and password do not match an account.");
    await expect(page).toHaveURL(/\/sign-in$/);
    await snapshot(page, "sign-in-error");
  });

  test("a Member signs in to My apps and is kept out of the admin panel", async ({ page, signInPage }) => {
    await signInPage.goto();
    await signInPage.signIn(MEMBER);
    await expect(page).toHaveURL(/\/my-apps$/);
    await expect(page.getByRole("heading", { name: "My apps" })).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/my-apps$/);
    await page.goto("/users");
    await expect(page).toHaveURL(/\/my-apps$/);
  });
});

test("the Owner signs in, renames the organization, sees it audited, and signs out", async ({ page, signInPage, context }) => {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: "Welcome back, Priya" })).toBeVisible();
  // The seeded directory's people, and any that other journeys of this run have added since.
  await expect(page.getByTestId("stat-people")).toHaveText(/^\d+$/);
  expect(Number(await page.getByTestId("stat-people").innerText())).toBeGreaterThanOrEqual(50);
  await snapshot(page, "overview");

  const [cookie] = (await context.cookies()).filter((candidate) => candidate.name === "roster_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(cookie?.value).not.toContain(OWNER.email);

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Organization name").fill("Halden & Co Europe");
  await page.getByLabel("Plan").selectOption("PROFESSIONAL");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Organization settings saved.")).toBeVisible();
  await expect(page.getByTestId("org-name")).toHaveText("Halden & Co Europe");
  await snapshot(page, "settings");

  await page.getByRole("link", { name: "Audit log" }).click();
  const event = page.getByRole("row").filter({ hasText: "Changed the organization’s name" });
  await expect(event).toContainText("Halden & Co Europe");
  await expect(event).toContainText(OWNER.email);
  await expect(page.getByRole("row").filter({ hasText: "Signed in" }).first()).toBeVisible();
  await snapshot(page, "audit-log");

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/audit-log");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("server actions check the session and permission themselves", async ({ page, signInPage, browser, baseURL }) => {
  // Capture a real call of the settings action, as the browser makes it.
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByLabel("Organization name")).not.toHaveValue("");
  const nameBefore = await page.getByLabel("Organization name").inputValue();
  const plan = page.getByLabel("Plan");
  const otherPlan = (await plan.inputValue()) === "STANDARD" ? "PROFESSIONAL" : "STANDARD";
  const save = page.getByRole("button", { name: "Save changes" });
  await selectUntilTaken(plan, otherPlan, save);
  const [actionRequest] = await Promise.all([
    page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])),
    save.click(),
  ]);
  await expect(page.getByText("Organization settings saved.")).toBeVisible();
  const headers = {
    "next-action": actionRequest.headers()["next-action"]!,
    "content-type": actionRequest.headers()["content-type"]!,
    accept: "text/x-component",
  };
  const hostile = actionRequest.postData()!.replace(nameBefore, "Taken over");

  // 1. No cookie at all.
  const anonymous = await browser.newContext({ baseURL });
  const noCookie = await anonymous.request.post("/settings", { headers, data: hostile, maxRedirects: 0 });
  expect(noCookie.status()).toBe(401);

  // 2. A forged cookie gets past the early check but not the action's own.
  await anonymous.addCookies([{ name: "roster_session", value: "forged", url: baseURL! }]);
  const forged = await anonymous.request.post("/settings", { headers, data: hostile, maxRedirects: 0 });
  expect(await forged.text()).toContain("unauthenticated");
  await anonymous.close();

  // 3. A signed-in Admin without the Owner's rights.
  const adminContext = await browser.newContext({ baseURL });
  const adminPage = await adminContext.newPage();
  await adminPage.goto("/sign-in");
  await adminPage.getByLabel("Work e-mail").fill(ADMIN.email);
  await adminPage.getByLabel("Password").fill(ADMIN.password);
  await adminPage.getByRole("button", { name: "Sign in" }).click();
  await expect(adminPage.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await adminPage.goto("/settings");
  await expect(adminPage.getByText("Only an Owner can change these settings.")).toBeVisible();
  const asAdmin = await adminContext.request.post("/settings", { headers, data: hostile, maxRedirects: 0 });
  expect(await asAdmin.text()).toContain("forbidden");
  await adminContext.close();

  await page.reload();
  await expect(page.getByTestId("org-name")).not.toHaveText("Taken over");
  await expect(page.getByLabel("Organization name")).toHaveValue(nameBefore);
});

test("forms show the saved values before the page's scripts have run", async ({ page, signInPage, browser, baseURL }) => {
  // Until a page hydrates, what the admin sees is the server's HTML. A form that only got its values from its
  // scripts would show an empty name and the first plan there, and a choice made then would be lost.
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
  await page.goto("/users");
  await page.getByRole("link", { name: "Lukas Brandt" }).click();
  await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}$/);
  const personUrl = new URL(page.url()).pathname;

  const noScripts = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: await page.context().storageState() });
  const html = await noScripts.newPage();
  await html.goto("/settings");
  // The header shows the saved name and plan as text; the form must hold the same.
  const planBadge = await html.getByText(/^(Free|Standard|Professional) plan$/).textContent();
  await expect(html.getByLabel("Organization name")).toHaveValue((await html.getByTestId("org-name").textContent())!.trim());
  await expect(html.getByLabel("Plan")).toHaveValue(planBadge!.replace(/ plan$/, "").toUpperCase());

  await html.goto(`${personUrl}/edit`);
  await expect(html.getByLabel("First name")).toHaveValue("Lukas");
  await expect(html.getByLabel("Last name")).toHaveValue("Brandt");
  await expect(html.getByLabel("Work e-mail")).toHaveValue("lukas.brandt@halden.example");
  await noScripts.close();
});
