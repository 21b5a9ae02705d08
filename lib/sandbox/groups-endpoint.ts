import { applyPatch } from "./apply-patch.ts";
import { GROUP_CATALOGUE } from "./attribute-catalogue.ts";
import { checkGroup } from "./check-resource.ts";
import { coerceAttributes, type Attributes } from "./coerce-attributes.ts";
import type { Directory } from "./directory.ts";
import type { StoredGroup } from "./group-store.ts";
import { parseListQuery, pageOf } from "./parse-list-query.ts";
import { parsePatchRequest } from "./parse-patch-request.ts";
import { renderGroup, renderList } from "./render-resources.ts";
import { methodNotAllowed, requireSchema, type ScimCall, type ScimReply } from "./scim-exchange.ts";
import { CORE_GROUP } from "./schema-urns.ts";
import { invalidValue, notFound } from "./scim-problem.ts";
import type { ServerQuirks } from "./server-quirks.ts";

/** /Groups and /Groups/{id}: unique display names, and members that must be existing users. */
export function handleGroups(call: ScimCall, directory: Directory, quirks: ServerQuirks): ScimReply {
  const { groups } = directory;
  const render = (group: StoredGroup) => renderGroup(group, call.baseUrl, directory.users);
  const writable = (input: Record<string, unknown>) => writableGroup(input, directory);

  if (call.id === undefined) {
    if (call.method === "GET") {
      const query = parseListQuery(call.query, ["displayName"], { onlyEq: quirks.has("onlyEqFilters") });
      const { filter } = query;
      const found = filter && groups.findByDisplayName(filter.value);
      const exactly = !quirks.has("exactCaseFilters") || found?.attributes.displayName === filter?.value;
      const matching = !filter ? groups.all() : found && exactly ? [found] : [];
      const page = pageOf(matching, query, { pastEndRepeatsFirst: quirks.has("pagePastEndRepeatsFirst") });
      return { status: 200, body: renderList(page.map(render), matching.length, query.startIndex) };
    }
    if (call.method === "POST") {
      const group = groups.create(writable(requireSchema(call.body, CORE_GROUP)), call.now);
      return { status: 201, body: render(group), headers: quirks.has("noLocationHeader") ? {} : { location: `${call.baseUrl}/Groups/${group.id}` } };
    }
    throw methodNotAllowed(call.method);
  }

  const existing = groups.get(call.id);
  if (!existing) throw notFound("Group", call.id);
  switch (call.method) {
    case "GET":
      return { status: 200, body: render(existing) };
    case "PUT":
      return { status: 200, body: render(groups.replace(existing.id, writable(requireSchema(call.body, CORE_GROUP)), call.now)) };
    case "PATCH": {
      const patched = applyPatch(existing.attributes, parsePatchRequest(call.body), GROUP_CATALOGUE);
      const group = groups.replace(existing.id, writable(patched), call.now);
      return quirks.has("patchAnswers204") ? { status: 204 } : { status: 200, body: render(group) };
    }
    case "DELETE":
      groups.delete(existing.id);
      return { status: 204 };
    default:
      throw methodNotAllowed(call.method);
  }
}

/** Members are kept as bare user ids; their display names are looked up when the group is rendered. */
function writableGroup(input: Record<string, unknown>, directory: Directory): Attributes {
  const attributes = coerceAttributes(input, GROUP_CATALOGUE);
  checkGroup(attributes);
  const ids = [...new Set(((attributes.members ?? []) as { value: string }[]).map((member) => member.value))];
  const unknown = ids.filter((id) => directory.users.get(id) === undefined);
  if (unknown.length > 0) throw invalidValue(`The users referenced do not exist: ${unknown.join(", ")}.`);
  return { ...attributes, members: ids.map((value) => ({ value })) };
}
