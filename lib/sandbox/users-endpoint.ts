import { applyPatch } from "./apply-patch.ts";
import { USER_CATALOGUE } from "./attribute-catalogue.ts";
import { checkUser } from "./check-resource.ts";
import { coerceAttributes, type Attributes } from "./coerce-attributes.ts";
import type { Directory } from "./directory.ts";
import { parseListQuery, pageOf } from "./parse-list-query.ts";
import { parsePatchRequest } from "./parse-patch-request.ts";
import { renderList, renderUser } from "./render-resources.ts";
import { methodNotAllowed, requireSchema, type ScimCall, type ScimReply } from "./scim-exchange.ts";
import { CORE_USER } from "./schema-urns.ts";
import { ScimProblem, notFound } from "./scim-problem.ts";
import type { ServerQuirks } from "./server-quirks.ts";
import type { StoredUser } from "./user-store.ts";

/** /Users and /Users/{id}, with Atlassian's rules, bent by whichever quirks are on. */
export function handleUsers(call: ScimCall, directory: Directory, quirks: ServerQuirks): ScimReply {
  const { users } = directory;
  const render = (user: StoredUser) => renderUser(user, call.baseUrl, quirks.has("userGroupsOmitted") ? null : directory.groups);

  if (call.id === undefined) {
    if (call.method === "GET") {
      const query = parseListQuery(call.query, ["userName", "externalId"], { onlyEq: quirks.has("onlyEqFilters") });
      const { filter } = query;
      const found = filter && (filter.attribute === "userName" ? users.findByUserName(filter.value) : users.findByExternalId(filter.value));
      const exactly = !quirks.has("exactCaseFilters") || (found !== undefined && found.attributes[filter!.attribute] === filter!.value);
      const matching = !filter ? users.all() : found && exactly ? [found] : [];
      const page = pageOf(matching, query, { pastEndRepeatsFirst: quirks.has("pagePastEndRepeatsFirst") });
      return { status: 200, body: renderList(page.map(render), matching.length, query.startIndex) };
    }
    if (call.method === "POST") {
      const attributes = writableUser(requireSchema(call.body, CORE_USER));
      const user = users.create(attributes, call.now, quirks.has("idIsUserName") ? String(attributes.userName) : undefined);
      return {
        status: 201,
        body: render(user),
        headers: quirks.has("noLocationHeader") ? {} : { location: `${call.baseUrl}/Users/${encodeURIComponent(user.id)}` },
      };
    }
    throw methodNotAllowed(call.method);
  }

  const existing = users.get(call.id);
  if (!existing) {
    if (quirks.has("missingIs500") && ["PATCH", "PUT", "DELETE"].includes(call.method)) {
      throw new ScimProblem(500, 'java.lang.NullPointerException: Cannot invoke "User.getId()" because "user" is null');
    }
    throw notFound("User", call.id);
  }
  switch (call.method) {
    case "GET":
      return { status: 200, body: render(existing) };
    case "PUT":
      // Whatever the body leaves out is cleared; id, atlassianAccountId and meta.created stay.
      return { status: 200, body: render(users.replace(existing.id, writableUser(requireSchema(call.body, CORE_USER)), call.now)) };
    case "PATCH": {
      const patched = applyPatch(existing.attributes, parsePatchRequest(call.body), USER_CATALOGUE);
      const user = users.replace(existing.id, writableUser(patched), call.now);
      return quirks.has("patchAnswers204") ? { status: 204 } : { status: 200, body: render(user) };
    }
    case "DELETE":
      users.delete(existing.id);
      directory.groups.removeMember(existing.id, call.now);
      return { status: 204 };
    default:
      throw methodNotAllowed(call.method);
  }
}

function writableUser(input: Record<string, unknown>): Attributes {
  const attributes = coerceAttributes(input, USER_CATALOGUE);
  checkUser(attributes);
  return attributes;
}
