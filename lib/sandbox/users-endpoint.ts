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
import { notFound } from "./scim-problem.ts";
import type { StoredUser } from "./user-store.ts";

/** /Users and /Users/{id}, with Atlassian's rules. */
export function handleUsers(call: ScimCall, directory: Directory): ScimReply {
  const { users } = directory;
  const render = (user: StoredUser) => renderUser(user, call.baseUrl);

  if (call.id === undefined) {
    if (call.method === "GET") {
      const query = parseListQuery(call.query, ["userName", "externalId"]);
      const { filter } = query;
      const matching = !filter
        ? users.all()
        : [filter.attribute === "userName" ? users.findByUserName(filter.value) : users.findByExternalId(filter.value)].filter(
            (user): user is StoredUser => user !== undefined,
          );
      return { status: 200, body: renderList(pageOf(matching, query).map(render), matching.length, query.startIndex) };
    }
    if (call.method === "POST") {
      const user = users.create(writableUser(requireSchema(call.body, CORE_USER)), call.now);
      return { status: 201, body: render(user), headers: { location: `${call.baseUrl}/Users/${user.id}` } };
    }
    throw methodNotAllowed(call.method);
  }

  const existing = users.get(call.id);
  if (!existing) throw notFound("User", call.id);
  switch (call.method) {
    case "GET":
      return { status: 200, body: render(existing) };
    case "PUT":
      // Whatever the body leaves out is cleared; id, atlassianAccountId and meta.created stay.
      return { status: 200, body: render(users.replace(existing.id, writableUser(requireSchema(call.body, CORE_USER)), call.now)) };
    case "PATCH": {
      const patched = applyPatch(existing.attributes, parsePatchRequest(call.body), USER_CATALOGUE);
      return { status: 200, body: render(users.replace(existing.id, writableUser(patched), call.now)) };
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
