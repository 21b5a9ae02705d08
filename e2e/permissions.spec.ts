/**
 * Every page and route handler under app/ checks its own permission before it loads anything (issue #13, item 4).
 *
 * lib/auth/route-permissions.ts is the one table of what each route needs. The spec finds every page.tsx and route.ts
 * under app/ at run time, so a new route without an entry there fails here. Then:
 * - a static check reads each page's source: its default export must start with `await requirePagePermission(…)`
 *   naming exactly the table's permissions (each route handler likewise with `requirePermission`);
 * - a walk signs in as Admins who each lack one capability (and one with none), requests every route over raw HTTP,
 *   and asserts that a route they may not use answers 403 holding none of the seeded data, and that no route shows
 *   them data they may not see; the Owner's walk proves the same data does appear where it belongs.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { APIResponse, Page } from "@playwright/test";
import ts from "typescript";
import { MEMBER, OWNER, WALK_ADMINS } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, snapshot, test, type SignInPage } from "./support/fixtures";
import { ROUTE_PERMISSIONS } from "../lib/auth/route-permissions";
import { MARKERS, WALK_IDS, type Access, type Marker } from "./support/permission-walk-data";

interface RouteEvidence {
  /** Seeded data that must appear for someone who may use the route (markers they may not see are left out). */
  shows: readonly Marker[];
  /** Values for dynamic segments other than the defaults below. */
  params?: Record<string, string>;
  /** A query string that narrows a shared list to the seeded rows (other journeys of the run add their own). */
  query?: string;
  /** Why a route handler is exempt from the first-statement check (it is still walked). */
  exempt?: string;
  /** The status everyone's walk gets instead of a success, and why (public single sign-on routes given ids they do not serve). */
  status?: { code: number; why: string };
}

interface RouteRule extends RouteEvidence {
  /** Everything the route requires ("public" for none), from ROUTE_PERMISSIONS. */
  needs: readonly Access[];
}

const M = MARKERS;
const APP = "/applications/[appId]";

/** What the Owner's walk must find on each route, so that the others' walks cannot pass for the wrong reason. */
const EVIDENCE: Record<string, RouteEvidence> = {
  "/audit-log": { shows: [M.syncEndpoint] },
  // Searched for, so that however many people other specs add, the walk's person is on the page.
  "/users": { shows: [M.person], query: "?q=quaxmoor" },
  "/users/export": { shows: [M.personEmail] },
  "/users/[id]": { shows: [M.person, M.account, M.logRow, M.group] },
  "/users/[id]/edit": { shows: [M.person] },
  "/users/import/[id]": { shows: [M.csvFile, M.csvRow], params: { id: WALK_IDS.csvImport } },
  "/users/import/upload": {
    shows: [],
    exempt: "checks the permission through defineAction; being reworked to check the session before reading the body (issue #13, item 7)",
  },
  "/set-password/[token]": { shows: [], params: { token: "permission-walk-unknown-link" } },
  "/groups": { shows: [M.group] },
  "/groups/[id]": { shows: [M.group, M.person], params: { id: WALK_IDS.group } },
  "/applications": { shows: [M.syncEndpoint] },
  "/provisioning-log": { shows: [M.logRow], query: `?app=${WALK_IDS.app}&status=FAILED` },
  "/provisioning-log/export": { shows: [M.logRow] },
  [APP]: { shows: [M.syncEndpoint] },
  [`${APP}/users`]: { shows: [M.syncEndpoint, M.person] },
  [`${APP}/log`]: { shows: [M.syncEndpoint, M.logRow] },
  [`${APP}/log/export`]: { shows: [M.logRow] },
  [`${APP}/sync/run`]: { shows: [M.syncRun] },
  [`${APP}/provisioning/configure`]: { shows: [M.syncEndpoint, M.tokenLast4] },
  [`${APP}/provisioning/authorize`]: { shows: [M.syncEndpoint] },
  [`${APP}/provisioning/mapping`]: { shows: [M.syncEndpoint, M.mapping] },
  [`${APP}/provisioning/actions`]: { shows: [M.syncEndpoint] },
  [`${APP}/import`]: { shows: [M.syncEndpoint, M.importCandidate] },
  [`${APP}/import/status`]: { shows: [M.importRun] },
  [`${APP}/sso`]: { shows: [M.syncEndpoint] },
  "/sso/saml/[id]/apps/[appId]": {
    shows: [],
    status: { code: 404, why: "the walk has no organization id: another organization's address for the app is not found" },
  },
  "/sso/saml/[id]/apps/[appId]/metadata": {
    shows: [],
    status: { code: 404, why: "the walk has no organization id: another organization's address for the app is not found" },
  },
  "/sso/saml/[id]/certificate": { shows: [], status: { code: 404, why: "the walk has no organization id: a person's id names no organization" } },
  "/sso/saml/[id]/start": { shows: [], params: { id: WALK_IDS.app }, status: { code: 404, why: "single sign-on is not set up for the walk's app" } },
};

/** The route's rule: what lib/auth/route-permissions.ts says it needs, and the evidence above. */
function ruleFor(pattern: string): RouteRule | undefined {
  const needs = ROUTE_PERMISSIONS[pattern];
  return needs ? { needs, ...(EVIDENCE[pattern] ?? { shows: [] }) } : undefined;
}

/**
 * What a layout shows around its pages. A page may refuse someone its layout admits (the app's Import tab, for an
 * Admin who may view apps but not import users): the layout's part, which they may see, is then still sent.
 */
const LAYOUT_SHOWS: Record<string, readonly Marker[]> = { [APP]: [M.syncEndpoint] };

const DEFAULT_PARAMS: Record<string, string> = { appId: WALK_IDS.app, id: WALK_IDS.person };

interface RouteFile {
  file: string;
  kind: "page" | "route";
  pattern: string;
  /** HTTP methods a route handler exports; a page answers GET. */
  methods: string[];
  /** A loading.tsx on the way to the page: its response (and status) starts before the page runs. */
  streamed: boolean;
}

/** Every page.tsx and route.ts under app/, with the URL pattern it serves. */
function routeFiles(): RouteFile[] {
  const files = readdirSync("app", { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => /(^|\/)(page\.tsx|route\.ts)$/.test(file))
    .sort();
  return files.map((relative) => {
    const file = `app/${relative}`;
    const kind = relative.endsWith("page.tsx") ? "page" : "route";
    const segments = relative
      .split("/")
      .slice(0, -1)
      .filter((segment) => !/^\(.*\)$/.test(segment));
    const methods =
      kind === "page"
        ? ["GET"]
        : [...readFileSync(file, "utf8").matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]!);
    const folders = relative.split("/").slice(0, -1);
    const streamed = kind === "page" && folders.some((_folder, index) => existsSync(path.join("app", ...folders.slice(0, index + 1), "loading.tsx")));
    return { file, kind, pattern: `/${segments.join("/")}`, methods, streamed };
  });
}

function urlFor(pattern: string, rule: RouteEvidence): string {
  const path = pattern.replace(/\[(\w+)\]/g, (_all, name: string) => {
    const value = rule.params?.[name] ?? DEFAULT_PARAMS[name];
    if (!value) throw new Error(`No value for [${name}] in ${pattern}: add it to the route's params.`);
    return value;
  });
  return `${path}${rule.query ?? ""}`;
}

type Holder = { role: "OWNER" } | { role: "ADMIN"; lacks: string };

function holds(account: Holder, access: Access): boolean {
  if (access === "public" || access === "signed in" || access === "admin access" || account.role === "OWNER") return true;
  // Only an Owner may change the organization itself (and its admins).
  if (access === "manage organization") return false;
  return account.lacks !== access && account.lacks !== "every permission";
}

const mayUse = (account: Holder, rule: RouteRule) => rule.needs.every((access) => holds(account, access));
const maySee = (account: Holder, marker: Marker) => marker.guardedBy.every((access) => holds(account, access));

/** The body as text, with React's text separators removed so that "First Last" rendered in two parts still matches. */
async function bodyText(response: APIResponse): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "");
}

async function request(page: Page, url: string, method: string): Promise<APIResponse> {
  if (method === "GET") return page.request.get(url, { maxRedirects: 0 });
  // An upload with no file: refused for the permission before the missing file is noticed.
  return page.request.fetch(url, { method, maxRedirects: 0, multipart: { note: "permission walk" } });
}

async function signIn(page: Page, signInPage: SignInPage, account: { email: string; password: string }) {
  await signInPage.goto();
  await signInPage.signIn(account);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
}

/** Walks every route as `account` and answers what went wrong, in words. */
async function walk(page: Page, account: Holder): Promise<string[]> {
  const problems: string[] = [];
  const allMarkers = Object.values(MARKERS);
  for (const route of routeFiles()) {
    const rule = ruleFor(route.pattern);
    if (!rule) continue; // reported by the table test
    const url = urlFor(route.pattern, rule);
    for (const method of route.methods) {
      const response = await request(page, url, method);
      const body = await bodyText(response);
      const where = `${method} ${route.pattern} (${route.file})`;
      if (!mayUse(account, rule)) {
        // Behind a loading.tsx the 200 is sent before the page refuses; the no-access page then follows in the stream.
        const statusOk = response.status() === 403 || (route.streamed && response.status() === 200);
        if (!statusOk) problems.push(`${where} answered ${response.status()}, not 403`);
        // forbidden()'s mark in the page's data: the browser then shows app/(admin)/forbidden.tsx (the tests below look at it).
        if (route.kind === "page" && !body.includes("NEXT_HTTP_ERROR_FALLBACK;403")) problems.push(`${where} is refused without forbidden()`);
        const fromLayout = Object.entries(LAYOUT_SHOWS).flatMap(([prefix, markers]) => (route.pattern.startsWith(prefix) ? markers : []));
        for (const marker of allMarkers) {
          if (body.includes(marker.text) && !(fromLayout.includes(marker) && maySee(account, marker)))
            problems.push(`${where} is refused, yet holds ${marker.name}`);
        }
        continue;
      }
      if (rule.status) {
        if (response.status() !== rule.status.code) problems.push(`${where} answered ${response.status()}, not ${rule.status.code} (${rule.status.why})`);
      } else if (response.status() >= 400 && !(route.pattern === "/users/import/upload" && response.status() === 400))
        problems.push(`${where} answered ${response.status()}`);
      for (const marker of allMarkers) {
        const visible = body.includes(marker.text);
        if (visible && !maySee(account, marker)) problems.push(`${where} holds ${marker.name}, which needs ${marker.guardedBy.join(" and ")}`);
        if (!visible && maySee(account, marker) && rule.shows.includes(marker))
          problems.push(`${where} does not show ${marker.name} (the walk would pass for the wrong reason)`);
      }
    }
  }
  return problems;
}

test.describe("every route checks its own permission", () => {
  test("every page and route handler under app/ has a declared permission", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(20);
    const undeclared = files
      .filter((route) => !ROUTE_PERMISSIONS[route.pattern])
      .map((route) => `${route.file} has no declared permission (add ${route.pattern} to lib/auth/route-permissions.ts)`);
    expect(undeclared).toEqual([]);
    const patterns = new Set(files.map((route) => route.pattern));
    expect(
      [...Object.keys(ROUTE_PERMISSIONS), ...Object.keys(EVIDENCE)].filter((pattern) => !patterns.has(pattern)),
      "table entries without a file",
    ).toEqual([]);
  });

  test("every page starts with requirePagePermission, and every route handler with requirePermission", () => {
    const problems: string[] = [];
    for (const route of routeFiles()) {
      const rule = ruleFor(route.pattern);
      if (!rule || rule.needs.includes("public") || rule.exempt) continue;
      const source = ts.createSourceFile(route.file, readFileSync(route.file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const expected = route.kind === "page" ? "requirePagePermission" : "requirePermission";
      const handlers =
        route.kind === "page"
          ? source.statements.filter(
              (node): node is ts.FunctionDeclaration => ts.isFunctionDeclaration(node) && hasModifier(node, ts.SyntaxKind.DefaultKeyword),
            )
          : source.statements.filter(
              (node): node is ts.FunctionDeclaration =>
                ts.isFunctionDeclaration(node) && hasModifier(node, ts.SyntaxKind.ExportKeyword) && route.methods.includes(node.name?.text ?? ""),
            );
      if (handlers.length === 0) problems.push(`${route.file}: no ${route.kind === "page" ? "default export" : "exported handler"} function found`);
      for (const handler of handlers) {
        const call = firstAwaitedCall(handler);
        const args = call?.arguments.map((argument) => (ts.isStringLiteral(argument) ? argument.text : argument.getText())) ?? [];
        if (call?.expression.getText() !== expected) {
          problems.push(
            `${route.file}: ${handler.name?.text ?? "default export"} must start with \`await ${expected}(${rule.needs.map((access) => `"${access}"`).join(", ")})\``,
          );
        } else if (args.join(",") !== rule.needs.join(",")) {
          problems.push(`${route.file}: checks ${args.join(" and ")}, but the table says ${rule.needs.join(" and ")}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  for (const admin of WALK_ADMINS) {
    test(`an Admin without ${admin.lacks} sees nothing they may not`, async ({ page, signInPage }) => {
      test.setTimeout(180_000);
      await signIn(page, signInPage, admin);
      expect(await walk(page, { role: "ADMIN", lacks: admin.lacks })).toEqual([]);
    });
  }

  test("a person without admin access (a Member) gets nothing of the admin panel", async ({ page, signInPage }) => {
    test.setTimeout(180_000);
    await signInPage.goto();
    await signInPage.signIn(MEMBER);
    await expect(page.getByRole("heading", { name: "My apps" })).toBeVisible();
    const problems: string[] = [];
    for (const route of routeFiles()) {
      const rule = ruleFor(route.pattern);
      if (!rule) continue;
      const url = urlFor(route.pattern, rule);
      for (const method of route.methods) {
        const response = await request(page, url, method);
        const body = await bodyText(response);
        const where = `${method} ${route.pattern} (${route.file})`;
        if (rule.needs.every((access) => access === "public" || access === "signed in")) {
          if (rule.status) {
            if (response.status() !== rule.status.code) problems.push(`${where} answered ${response.status()}, not ${rule.status.code} (${rule.status.why})`);
          } else if (response.status() >= 400) problems.push(`${where} answered ${response.status()}`);
        } else if (route.kind === "page") {
          // Every admin page sends a signed-in person to My apps, before it loads anything.
          if (!(response.status() === 307 && response.headers()["location"]?.endsWith("/my-apps")) && !(route.streamed && response.status() === 200))
            problems.push(`${where} answered ${response.status()} ${response.headers()["location"] ?? ""}, not a redirect to My apps`);
        } else if (response.status() !== 403) {
          problems.push(`${where} answered ${response.status()}, not 403`);
        }
        for (const marker of Object.values(MARKERS)) if (body.includes(marker.text)) problems.push(`${where} holds ${marker.name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("the Owner sees the seeded data on every route (so the walk cannot pass vacuously)", async ({ page, signInPage }) => {
    test.setTimeout(180_000);
    await signIn(page, signInPage, OWNER);
    expect(await walk(page, { role: "OWNER" })).toEqual([]);
  });

  test("the no-access page says what is wrong and what to do", async ({ page, signInPage }) => {
    const none = WALK_ADMINS.find((admin) => admin.lacks === "every permission")!;
    await signIn(page, signInPage, none);
    await page.emulateMedia({ reducedMotion: "reduce" });
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/applications/${WALK_IDS.app}/provisioning/configure`);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
      await expect(
        page.getByText("This page needs the “view apps” permission, which your account does not have. Ask an Owner of your organization if you need access."),
      ).toBeVisible();
      await expect(page.getByRole("link", { name: "Back to the overview" })).toBeVisible();
      await expect(page.getByText(MARKERS.syncEndpoint.text)).toHaveCount(0);
      await snapshot(page, `no-access-${width}`);
      await expectNoSeriousA11yViolations(page);
    }
  });

  test("an app's tab refused for want of a second permission keeps the app's header and names both", async ({ page, signInPage }) => {
    await signIn(
      page,
      signInPage,
      WALK_ADMINS.find((admin) => admin.lacks === "import users")!,
    );
    await page.goto(`/applications/${WALK_IDS.app}/import`);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByText(/This page needs the “view apps” and “import users” permissions/)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "App sections" })).toBeVisible();
    await expect(page.getByText(MARKERS.importCandidate.text)).toHaveCount(0);
    await snapshot(page, "no-access-app-tab");
    await expectNoSeriousA11yViolations(page);
  });
});

function hasModifier(node: ts.FunctionDeclaration, kind: ts.SyntaxKind): boolean {
  return node.modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}

/** The call awaited by the function's first statement (looking into a leading `try` block), if any. */
function firstAwaitedCall(handler: ts.FunctionDeclaration): ts.CallExpression | undefined {
  // Declarations without a value (`let organizationId: string;`) do nothing, so they may come first.
  const first = (statements: readonly ts.Statement[] | undefined) =>
    statements?.find(
      (candidate) => !(ts.isVariableStatement(candidate) && candidate.declarationList.declarations.every((declaration) => !declaration.initializer)),
    );
  let statement = first(handler.body?.statements);
  if (statement && ts.isTryStatement(statement)) statement = first(statement.tryBlock.statements);
  if (!statement) return undefined;
  let expression: ts.Expression | undefined;
  if (ts.isExpressionStatement(statement)) expression = statement.expression;
  else if (ts.isVariableStatement(statement)) expression = statement.declarationList.declarations[0]?.initializer;
  if (expression && ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) expression = expression.right;
  // `(await requirePermission("…")).organization.id` and the like.
  while (expression && (ts.isPropertyAccessExpression(expression) || ts.isParenthesizedExpression(expression))) expression = expression.expression;
  if (!expression || !ts.isAwaitExpression(expression) || !ts.isCallExpression(expression.expression)) return undefined;
  return expression.expression;
}
