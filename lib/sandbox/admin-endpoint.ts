import { z } from "zod";
import type { Directory } from "./directory.ts";
import { faultSettingsSchema, type FaultInjector } from "./fault-injector.ts";
import { createSiteGroup } from "./groups-endpoint.ts";
import { renderGroup, renderUser } from "./render-resources.ts";
import type { RequestStats } from "./request-stats.ts";
import type { ScimReply } from "./scim-exchange.ts";
import { ScimProblem } from "./scim-problem.ts";
import { quirkSettingsSchema, type ServerQuirks } from "./server-quirks.ts";

/** Strict like the faults: a misspelt limit fails loudly. */
const limitSettingsSchema = z.strictObject({ groupMemberCap: z.number().int().min(1).optional() });

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
 * GET|POST limits (`{ groupMemberCap }`, members a group may have; kept by a reset),
 * GET users and GET groups (everything stored, for assertions), POST groups (`{ displayName, members? }`:
 * a site group, made outside SCIM, which SCIM may read but not change), GET groups/{id} and
 * GET groups/{id}/members (the member user ids, in the order they were added).
 */
export function handleAdmin(method: string, name: string, body: unknown, context: AdminContext): ScimReply {
  const { directory, faults, quirks, stats, baseUrl } = context;
  const route = `${method} ${name}`;
  const groupRoute = /^groups\/([^/]+)(\/members)?$/.exec(name);
  if (method === "GET" && groupRoute) {
    const group = directory.groups.get(decodeURIComponent(groupRoute[1] ?? ""));
    if (!group) throw new ScimProblem(404, `The sandbox has no group ${groupRoute[1]}.`);
    if (groupRoute[2] === undefined) return { status: 200, body: { ...renderGroup(group, baseUrl, directory.users), siteGroup: group.siteGroup === true } };
    return { status: 200, body: ((group.attributes.members ?? []) as { value: string }[]).map((member) => member.value) };
  }
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
    case "GET limits":
      return { status: 200, body: { groupMemberCap: directory.groups.memberCap } };
    case "POST limits": {
      const parsed = limitSettingsSchema.safeParse(body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ScimProblem(400, `Invalid limits: ${issue?.path.join(".") || "body"}: ${issue?.message}`, "invalidValue");
      }
      if (parsed.data.groupMemberCap !== undefined) directory.groups.memberCap = parsed.data.groupMemberCap;
      return { status: 200, body: { groupMemberCap: directory.groups.memberCap } };
    }
    case "POST groups": {
      const group = createSiteGroup(body, directory, new Date());
      context.onChange();
      return { status: 201, body: { ...renderGroup(group, baseUrl, directory.users), siteGroup: true } };
    }
    case "GET stats":
      return { status: 200, body: stats.snapshot() };
    case "POST reset":
      directory.clear();
      stats.reset();
      context.onChange();
      return { status: 204 };
    case "GET users":
      return { status: 200, body: directory.users.all().map((user) => renderUser(user, baseUrl, directory.groups)) };
    case "GET groups":
      return {
        status: 200,
        body: directory.groups.all().map((group) => ({ ...renderGroup(group, baseUrl, directory.users), siteGroup: group.siteGroup === true })),
      };
    default:
      throw new ScimProblem(404, `There is no sandbox control ${route}.`);
  }
}
