import { startSandbox, type RunningSandbox } from "../lib/sandbox";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, connectAtlassianApp, expect, snapshot, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

// Issue #14: a create the app refuses (409) for an account Roster cannot find gets a Link action. The app compares
// filter values exactly (case included); it holds Ingrid's account under a user name that differs in case and an old
// e-mail, past the 10,000 users Roster reads looking for it. The admin finds the account and links it.
const TOKEN = "sandbox-token-link-7e2a";
const PERSON = { name: "Ingrid Berg", email: "ingrid.berg@halden.example" };
const HOLDER_USER_NAME = "Ingrid.Berg@Halden.example";
let sandbox: RunningSandbox;
let holderId: string;

test.beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, token: TOKEN, quirks: { exactCaseFilters: true } });
  const now = new Date();
  for (let index = 0; index < 10_000; index++) {
    sandbox.store.users.create({ userName: `filler${index}@elsewhere.example`, emails: [{ value: `filler${index}@elsewhere.example`, primary: true }] }, now);
  }
  holderId = sandbox.store.users.create(
    { userName: HOLDER_USER_NAME, emails: [{ value: "iberg@halden-old.example", primary: true }], name: { givenName: "I.", familyName: "Berg" }, active: true },
    now,
  ).id;
});
test.afterAll(() => sandbox?.close());

const holder = () => sandbox.store.users.get(holderId)?.attributes;

test("a conflict Roster cannot resolve shows Link; the admin finds the app's account, links it, and the account follows the directory", async ({
  page,
  signInPage,
}) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  const appId = await connectAtlassianApp(page, sandbox.baseUrl, TOKEN);

  // Assign Ingrid: the app refuses the create, and Roster cannot find the account that holds her user name.
  await page.goto(`/applications/${appId}/users?view=available&q=ingrid`);
  await page.getByRole("checkbox", { name: `Select ${PERSON.name}` }).check();
  await page.getByRole("button", { name: /^Assign to / }).click();
  await expect(page.getByText("Assigned 1 person.")).toBeVisible();

  await page.goto(`/applications/${appId}/log`);
  const failedRow = page.getByRole("row").filter({ hasText: PERSON.name }).filter({ hasText: "Failed" });
  await expect(async () => {
    await page.reload();
    await expect(failedRow).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(failedRow).toContainText("409");
  await expect(failedRow).toContainText("so it cannot link it");
  const linkButton = failedRow.getByRole("button", { name: "Link to an existing account…" });
  await expect(linkButton).toBeVisible();
  await dismissToasts(page);
  await bothWidths(page, "link-1-log-conflict");
  await expectNoSeriousA11yViolations(page);

  // The person page says the same, with the same action.
  await failedRow.getByRole("link", { name: PERSON.name }).click();
  const appItem = page.getByRole("list", { name: "Accounts in apps" }).getByRole("listitem").first();
  await expect(appItem).toContainText("Failing");
  await expect(appItem).toContainText("so it cannot link it");
  await expect(appItem.getByRole("button", { name: "Link to an existing account…" })).toBeVisible();
  const personUrl = page.url();
  await snapshot(page, "link-2-person-page-1440");

  // From the log, by keyboard: open the dialog, search, choose, link.
  await page.goto(`/applications/${appId}/log`);
  await linkButton.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: /Link to an existing account in / });
  await expect(dialog).toBeVisible();
  const search = dialog.getByRole("searchbox", { name: /Search .*'s accounts/ });
  await expect(search).toBeFocused();
  // Her own e-mail finds nothing: the app compares case exactly, and its account is past the users Roster reads.
  await page.keyboard.type(PERSON.email);
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("status")).toContainText("No account matches in the first 1,000 of");
  // The user name as the app shows it finds the account.
  await search.fill(HOLDER_USER_NAME);
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("group", { name: /1 account found/ })).toBeVisible();
  const choice = dialog.getByRole("radio", { name: new RegExp(HOLDER_USER_NAME.replace(/\./g, "\\.")) });
  await choice.focus();
  await page.keyboard.press("Space");
  await expect(choice).toBeChecked();
  await expect(dialog).toContainText("iberg@halden-old.example");
  await bothWidths(page, "link-3-dialog");
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole("button", { name: "Link", exact: true }).focus();
  await page.keyboard.press("Enter");

  await expect(page.getByText(`Linked ${PERSON.name} <${PERSON.email}> to ${HOLDER_USER_NAME} in`)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(failedRow).toContainText(`Now linked to the app's account ${HOLDER_USER_NAME}.`);
  await expect(failedRow.getByRole("button", { name: "Link to an existing account…" })).toHaveCount(0);
  const linkRow = page.getByRole("row").filter({ hasText: `Linked by ${OWNER.email} to the app's existing account ${HOLDER_USER_NAME}` });
  await expect(linkRow).toContainText("Succeeded");
  await dismissToasts(page);
  await snapshot(page, "link-4-log-linked-1440");

  // The link marked her for reconcile: the app's account now carries her directory values.
  await expect
    .poll(() => (holder()?.emails as { value: string }[] | undefined)?.[0]?.value, { message: "the linked account takes her e-mail", timeout: 30_000 })
    .toBe(PERSON.email);
  // Her user name there differs from the directory's only in letter case: that is not a change, so it is not sent.
  expect(holder()?.userName).toBe(HOLDER_USER_NAME);
  expect(String(holder()?.userName).toLowerCase()).toBe(PERSON.email);
  expect(holder()?.emails).toEqual([expect.objectContaining({ value: PERSON.email })]);
  expect(holder()?.name).toMatchObject({ givenName: "Ingrid", familyName: "Berg" });

  // The next change in the directory reaches the same account; there is still one account for her.
  await page.goto(personUrl);
  await expect(page.getByRole("list", { name: "Accounts in apps" }).getByRole("button", { name: "Link to an existing account…" })).toHaveCount(0);
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Job title").fill("Head of Linked Accounts");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Changed the job title of" })).toContainText("Head of Linked Accounts");
  await expect.poll(() => holder()?.title, { message: "the next change reaches the linked account", timeout: 30_000 }).toBe("Head of Linked Accounts");
  expect(sandbox.store.users.all().filter((user) => String(user.attributes.userName).toLowerCase() === PERSON.email)).toHaveLength(1);
});
