import { applyPatch } from "./apply-patch.ts";
import { GROUP_CATALOGUE } from "./attribute-catalogue.ts";
import { checkGroup } from "./check-resource.ts";
import { coerceAttributes, type Attributes } from "./coerce-attributes.ts";
import type { Directory } from "./directory.ts";
import type { StoredGroup } from "./group-store.ts";
import { isPlainObject } from "./is-plain-object.ts";
import { parseListQuery, pageOf } from "./parse-list-query.ts";
import { parsePatchRequest, type PatchOperation } from "./parse-patch-request.ts";
import { renderGroup, renderList } from "./render-resources.ts";
import { methodNotAllowed, requireSchema, type ScimCall, type ScimReply } from "./scim-exchange.ts";
import { CORE_GROUP } from "./schema-urns.ts";
import { ScimProblem, invalidValue, notFound } from "./scim-problem.ts";
import type { ServerQuirks } from "./server-quirks.ts";

/**
 * /Groups and /Groups/{id}, as Atlassian has them: unique display names, members that must be
 * existing users and at most `memberCap` of them, no renaming, and site groups (not created over
 * SCIM) that can be read but not changed.
 */
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
  if (call.method === "GET") return { status: 200, body: render(existing) };
  if (existing.siteGroup && ["PUT", "PATCH", "DELETE"].includes(call.method)) throw managedOutsideScim(existing);
  // The rename check comes before storing, so a refused request changes nothing.
  const checked = (attributes: Attributes) => {
    if (!quirks.has("groupRenameAllowed")) refuseRename(existing, attributes);
    return attributes;
  };
  switch (call.method) {
    case "PUT":
      return { status: 200, body: render(groups.replace(existing.id, checked(writable(requireSchema(call.body, CORE_GROUP))), call.now)) };
    case "PATCH": {
      const operations = parsePatchRequest(call.body);
      const played = quirks.has("replaceMembersAdds") ? operations.flatMap(replaceOfMembersAsAdd) : operations;
      const patched = applyPatch(existing.attributes, played, GROUP_CATALOGUE);
      const group = groups.replace(existing.id, checked(writable(patched)), call.now);
      return quirks.has("patchAnswers204") ? { status: 204 } : { status: 200, body: render(group) };
    }
    case "DELETE":
      groups.delete(existing.id);
      return { status: 204 };
    default:
      throw methodNotAllowed(call.method);
  }
}

/** A site group, for the admin endpoint: it does not go through SCIM, so none of the SCIM checks but the name's uniqueness and the members'. */
export function createSiteGroup(input: unknown, directory: Directory, now: Date): StoredGroup {
  if (!isPlainObject(input)) throw invalidValue('A site group needs a JSON object such as {"displayName": "confluence-users"}.');
  return directory.groups.create(writableGroup(input, directory), now, { siteGroup: true });
}

/** Members are kept as bare user ids; their display names are looked up when the group is rendered. */
function writableGroup(input: Record<string, unknown>, directory: Directory): Attributes {
  const attributes = coerceAttributes(input, GROUP_CATALOGUE);
  checkGroup(attributes);
  const ids = [...new Set(((attributes.members ?? []) as { value: string }[]).map((member) => member.value))];
  const unknown = ids.filter((id) => directory.users.get(id) === undefined);
  if (unknown.length > 0) throw invalidValue(`The users referenced do not exist: ${unknown.join(", ")}.`);
  const cap = directory.groups.memberCap;
  if (ids.length > cap) {
    throw invalidValue(
      `A group can have at most ${cap.toLocaleString("en-US")} members; this request would give “${String(attributes.displayName)}” ${ids.length.toLocaleString("en-US")}.`,
    );
  }
  return { ...attributes, members: ids.map((value) => ({ value })) };
}

function managedOutsideScim(group: StoredGroup): ScimProblem {
  return new ScimProblem(
    403,
    `The group “${String(group.attributes.displayName)}” is managed outside SCIM (it was not created by this directory), so it cannot be changed or deleted over SCIM.`,
  );
}

/** Atlassian cannot rename a synced group; a change of case only is a rename too. */
function refuseRename(existing: StoredGroup, attributes: Attributes): void {
  const before = String(existing.attributes.displayName);
  const after = String(attributes.displayName);
  if (before === after) return;
  throw invalidValue(
    `Renaming a group is not supported: “${before}” cannot become “${after}”. Create a group with the new name, add the members, then delete this one.`,
  );
}

/** For the replaceMembersAdds quirk: `replace` of members becomes `add`, path-less or not. */
function replaceOfMembersAsAdd(operation: PatchOperation): PatchOperation[] {
  if (operation.op !== "replace") return [operation];
  if (operation.path !== undefined) return operation.path.toLowerCase() === "members" ? [{ ...operation, op: "add" }] : [operation];
  if (!isPlainObject(operation.value)) return [operation];
  const membersKey = Object.keys(operation.value).find((key) => key.toLowerCase() === "members");
  if (membersKey === undefined) return [operation];
  const { [membersKey]: members, ...rest } = operation.value;
  const add: PatchOperation = { op: "add", path: "members", value: members };
  return Object.keys(rest).length === 0 ? [add] : [{ ...operation, value: rest }, add];
}
