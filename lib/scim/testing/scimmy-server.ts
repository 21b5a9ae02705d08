import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";

/**
 * An independent SCIM server built from SCIMMY (schemas, filters, PatchOp, ListResponse, errors)
 * and scimmy-routers on Express 4, with in-memory storage. Nothing in it was written for Roster's
 * client, which is the point: the contract suite runs against it unchanged.
 *
 * SCIMMY keeps its resource declarations in module state, so one process hosts one of these at a
 * time; vitest runs each test file in its own process.
 */

type Stored = Record<string, unknown> & { id: string };

interface Collection {
  items: Map<string, Stored>;
  noun: string;
  /** The attribute that must be unique, compared without regard to case as RFC 7643 says of userName. */
  uniqueAttribute: string;
}

const users: Collection = { items: new Map(), noun: "User", uniqueAttribute: "userName" };
const groups: Collection = { items: new Map(), noun: "Group", uniqueAttribute: "displayName" };
let expectedToken = "";
let declared = false;

export interface ScimmyServer {
  baseUrl: string;
  token: string;
  close(): Promise<void>;
}

export async function startScimmyServer(token: string): Promise<ScimmyServer> {
  expectedToken = token;
  users.items.clear();
  groups.items.clear();
  declareResources();

  const app = express();
  app.use(
    "/scim/v2",
    new SCIMMYRouters({
      type: "bearer",
      docUri: "https://example.com/scim-auth",
      handler: (request) => {
        if (request.header("authorization") !== `Bearer ${expectedToken}`) throw new Error("Authorization failed");
        return "contract-test";
      },
    }),
  );
  const server = await new Promise<Server>((resolve) => {
    const listening: Server = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/scim/v2`,
    token,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// The handlers return plain JSON; SCIMMY checks it against the schema again when it answers, so
// the casts only quieten its very precise typings.
function declareResources(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false))
    .ingress((resource, instance) => write(users, resource.id, instance) as never)
    .egress((resource) => read(users, resource) as never)
    .degress((resource) => remove(users, resource.id));
  SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .ingress((resource, instance) => write(groups, resource.id, instance) as never)
    .egress((resource) => read(groups, resource) as never)
    .degress((resource) => remove(groups, resource.id));
}

function write(collection: Collection, id: string | undefined, instance: object): Stored {
  const existing = id === undefined ? undefined : collection.items.get(id);
  if (id !== undefined && !existing) throw missing(collection, id);
  const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
  const unique = String(data[collection.uniqueAttribute]).toLowerCase();
  for (const other of collection.items.values()) {
    if (other.id !== id && String(other[collection.uniqueAttribute]).toLowerCase() === unique) {
      throw new SCIMMY.Types.Error(409, "uniqueness", `${collection.uniqueAttribute} is already taken`);
    }
  }
  const now = new Date().toISOString();
  const stored: Stored = {
    ...data,
    id: id ?? crypto.randomUUID(),
    meta: { created: (existing?.meta as { created?: string } | undefined)?.created ?? now, lastModified: now },
  };
  collection.items.set(stored.id, stored);
  return stored;
}

function read(collection: Collection, resource: { id?: string; filter?: { match(values: object[]): object[] } }): Stored | Stored[] {
  if (resource.id !== undefined) {
    const found = collection.items.get(resource.id);
    if (!found) throw missing(collection, resource.id);
    return found;
  }
  const all = [...collection.items.values()];
  return resource.filter ? (resource.filter.match(all) as Stored[]) : all;
}

function remove(collection: Collection, id: string | undefined): void {
  if (id === undefined || !collection.items.delete(id)) throw missing(collection, id ?? "");
}

function missing(collection: Collection, id: string) {
  return new SCIMMY.Types.Error(404, null as unknown as string, `${collection.noun} ${id} not found`);
}
