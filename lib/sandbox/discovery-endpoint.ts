import {
  ATLASSIAN_EXTERNAL_SCHEMA,
  ENTERPRISE_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
  type AttributeDefinition,
  type SchemaDefinition,
} from "./attribute-catalogue.ts";
import { MAX_PAGE_SIZE } from "./parse-list-query.ts";
import { renderList } from "./render-resources.ts";
import { methodNotAllowed, type ScimReply } from "./scim-exchange.ts";
import { ATLASSIAN_EXTERNAL, CORE_GROUP, CORE_USER, ENTERPRISE_USER, RESOURCE_TYPE, SCHEMA, SERVICE_PROVIDER_CONFIG } from "./schema-urns.ts";
import { ScimProblem } from "./scim-problem.ts";

const SCHEMAS = [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_SCHEMA, ATLASSIAN_EXTERNAL_SCHEMA];

/**
 * /ServiceProviderConfig, /Schemas and /ResourceTypes (RFC 7644 §4). Like Atlassian's, they need
 * the token and support no filtering, paging or sorting.
 */
export function handleDiscovery(method: string, endpoint: string, id: string | undefined, baseUrl: string): ScimReply {
  if (method !== "GET") throw methodNotAllowed(method);
  if (endpoint === "ServiceProviderConfig" && id === undefined) return { status: 200, body: serviceProviderConfig(baseUrl) };

  const documents = endpoint === "Schemas" ? SCHEMAS.map((schema) => renderSchema(schema, baseUrl)) : resourceTypes(baseUrl);
  if (id === undefined) return { status: 200, body: renderList(documents, documents.length, 1) };
  const document = documents.find((each) => each.id === id);
  if (!document) throw new ScimProblem(404, `${endpoint} ${id} not found`);
  return { status: 200, body: document };
}

function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [{ type: "oauthbearertoken", name: "OAuth Bearer Token", description: "The directory's API key as a bearer token.", primary: true }],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: [RESOURCE_TYPE],
      id: "User",
      name: "User",
      endpoint: "/Users",
      schema: CORE_USER,
      schemaExtensions: [
        { schema: ENTERPRISE_USER, required: false },
        { schema: ATLASSIAN_EXTERNAL, required: false },
      ],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      schema: CORE_GROUP,
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

function renderSchema(schema: SchemaDefinition, baseUrl: string) {
  return {
    schemas: [SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(renderAttribute),
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

/** Spells out the RFC 7643 §7 characteristics, defaults included, as real servers do. */
function renderAttribute(attribute: AttributeDefinition): Record<string, unknown> {
  return {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued ?? false,
    description: attribute.description,
    required: attribute.required ?? false,
    caseExact: attribute.caseExact ?? false,
    mutability: attribute.mutability ?? "readWrite",
    returned: "default",
    uniqueness: attribute.uniqueness ?? "none",
    ...(attribute.subAttributes ? { subAttributes: attribute.subAttributes.map(renderAttribute) } : {}),
  };
}
