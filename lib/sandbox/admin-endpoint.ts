import type { Directory } from "./directory.ts";
import { faultSettingsSchema, type FaultInjector } from "./fault-injector.ts";
import { renderGroup, renderUser } from "./render-resources.ts";
import type { RequestStats } from "./request-stats.ts";
import type { ScimReply } from "./scim-exchange.ts";
import { ScimProblem } from "./scim-problem.ts";
import { quirkSettingsSchema, type ServerQuirks } from "./server-quirks.ts";

export interface AdminContext {
  directory: Directory;
  faults: FaultInjector;
  quirks: ServerQuirks;
  stats: RequestStats;
  baseUrl: string;
  onChange(): void;
}

/**
 * Test and demo controls under /__sandbox/, outside the SCIM base path:
 * GET|POST faults, GET|POST quirks (see server-quirks.ts), GET stats, POST reset (users, groups and
 * counters; faults and quirks stay),
 * GET users and GET groups (everything stored, for assertions).
 */
export function handleAdmin(method: string, name: string, body: unknown, context: AdminContext): ScimReply {
  const { directory, faults, quirks, stats, baseUrl } = context;
  const route = `${method} ${name}`;
  switch (route) {
    case "GET faults":
      return { status: 200, body: faults.settings };
    case "POST faults": {
      const parsed = faultSettingsSchema.safeParse(body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ScimProblem(400, `Invalid fault settings: ${issue?.path.join(".") || "body"}: ${issue?.message}`, "invalidValue");
      }
      faults.set(parsed.data);
      return { status: 200, body: faults.settings };
    }
    case "GET quirks":
      return { status: 200, body: quirks.settings };
    case "POST quirks": {
      const parsed = quirkSettingsSchema.safeParse(body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ScimProblem(400, `Invalid quirks: ${issue?.path.join(".") || "body"}: ${issue?.message}`, "invalidValue");
      }
      quirks.set(parsed.data);
      return { status: 200, body: quirks.settings };
    }
    case "GET stats":
      return { status: 200, body: stats.snapshot() };
    case "POST reset":
      directory.clear();
      stats.reset();
      context.onChange();
      return { status: 204 };
    case "GET users":
      return { status: 200, body: directory.users.all().map((user) => renderUser(user, baseUrl)) };
    case "GET groups":
      return { status: 200, body: directory.groups.all().map((group) => renderGroup(group, baseUrl, directory.users)) };
    default:
      throw new ScimProblem(404, `There is no sandbox control ${route}.`);
  }
}
