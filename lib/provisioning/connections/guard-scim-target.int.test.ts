import dgram from "node:dgram";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import dnsPacket, { type Answer } from "dns-packet";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { authorizeApp } from "../apps/authorize-app";
import { configureProvisioning } from "../apps/configure-provisioning";
import { addApp } from "../apps/manage-apps";
import { provisionUserNow } from "../sync/provision-now";
import { configureProvisioningInput } from "../schemas/provisioning";
import { openScimClient } from "./open-scim-client";

/**
 * Everything here stays on loopback. 127.0.0.2 plays a public SCIM server: the
 * exact allow-list lets it through, and a real sandbox listens there. The
 * "victim" on 127.0.0.1, same port, records every request it gets, and must
 * get none. A DNS server on loopback answers for the names below.
 */
const REBINDING = "scim.rebind.example";
const MISSING = "nowhere.rebind.example";
const TOKEN = "guard-token-0001";

interface AddressDns {
  port: number;
  /** A answers per name, in order of the A questions asked; the last one repeats. Names absent here get NXDOMAIN. */
  answers: Map<string, string[]>;
  aQuestions: Map<string, number>;
  stop(): Promise<void>;
}

async function startAddressDns(): Promise<AddressDns> {
  const socket = dgram.createSocket("udp4");
  const answers = new Map<string, string[]>();
  const aQuestions = new Map<string, number>();
  socket.on("message", (message, remote) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, "");
    const list = answers.get(name);
    let records: Answer[] = [];
    if (list && question.type === "A") {
      const asked = aQuestions.get(name) ?? 0;
      aQuestions.set(name, asked + 1);
      // TTL 0: nothing may be cached between two questions.
      records = [{ type: "A", name: question.name, ttl: 0, class: "IN", data: list[Math.min(asked, list.length - 1)]! }];
    }
    const rcode = list ? 0 : 3; // NXDOMAIN for names it does not know; AAAA questions get an empty answer.
    const response = dnsPacket.encode({
      id: query.id,
      type: "response",
      flags: dnsPacket.AUTHORITATIVE_ANSWER | rcode,
      questions: [question],
      answers: records,
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return { port: socket.address().port, answers, aQuestions, stop: () => new Promise((resolve) => socket.close(() => resolve())) };
}

interface Victim {
  requests: { method: string; url: string; headers: IncomingHttpHeaders }[];
  server: Server;
}

/** The sandbox on 127.0.0.2 and the victim on 127.0.0.1, on one port (the allow-list names address and port). */
async function startSandboxAndVictim(): Promise<{ sandbox: RunningSandbox; victim: Victim; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const sandbox = await startSandbox({ quiet: true, token: TOKEN, host: "127.0.0.2" });
    const port = Number(new URL(sandbox.baseUrl).port);
    const requests: Victim["requests"] = [];
    const server = createServer((request, response) => {
      requests.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers });
      response.writeHead(200, { "content-type": "application/scim+json" }).end(JSON.stringify({ totalResults: 0, Resources: [] }));
    });
    const listening = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (listening) return { sandbox, victim: { requests, server }, port };
    await sandbox.close();
    if (attempt >= 5) throw new Error("No port free on both 127.0.0.1 and 127.0.0.2.");
  }
}

let dns: AddressDns;
let sandbox: RunningSandbox;
let victim: Victim;
let port: number;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };

beforeAll(async () => {
  dns = await startAddressDns();
  ({ sandbox, victim, port } = await startSandboxAndVictim());
  const organizationId = (await makeOrganization("Halden")).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@halden.example" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
});

beforeEach(() => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "0");
  vi.stubEnv("ROSTER_ALLOWED_PRIVATE_TARGETS", `127.0.0.2:${port}`);
  vi.stubEnv("ROSTER_DNS_SERVERS", `127.0.0.1:${dns.port}`);
  dns.answers.clear();
  dns.aQuestions.clear();
});

afterEach(() => {
  expect(victim.requests, "the victim on 127.0.0.1 received a request").toEqual([]);
});

afterAll(async () => {
  await sandbox?.close();
  await new Promise<void>((resolve) => (victim ? victim.server.close(() => resolve()) : resolve()));
  await dns?.stop();
});

const sandboxPath = () => new URL(sandbox.baseUrl).pathname;
const refusedLoopback = `Roster does not send SCIM tokens to ${REBINDING}, because it resolves to 127.0.0.1, this machine (loopback). Use the app's public SCIM base URL.`;

describe("DNS rebinding: the first answer is allowed, later answers are loopback", () => {
  it("authorizes against the allowed address, then Provision now refuses every new connection and the victim gets nothing", async () => {
    dns.answers.set(REBINDING, ["127.0.0.2", "127.0.0.1"]);
    const appId = await makeActiveApp({ baseUrl: `http://${REBINDING}:${port}${sandboxPath()}`, token: TOKEN }, context);
    const authorizing = sandbox.stats.snapshot().total;
    expect(authorizing).toBeGreaterThan(0);
    expect(dns.aQuestions.get(REBINDING)).toBe(1);

    const person = await makePerson(context.organizationId, { email: "ines.moreau@halden.example" });
    await db.assignment.create({ data: { appId, userId: person.id } });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await provisionUserNow(appId, person.id, context);
      expect(result.steps.at(-1)).toEqual({ step: "Sent", outcome: "failed", detail: refusedLoopback });
      expect(result.retrying).toBe(false);
    }
    // Each attempt opened a new connection, and each asked DNS again.
    expect(dns.aQuestions.get(REBINDING)).toBe(4);
    expect(sandbox.stats.snapshot().total).toBe(authorizing);
    const operations = await db.operation.findMany({ where: { appId, userId: person.id }, select: { status: true, message: true } });
    expect(operations).toEqual(Array.from({ length: 3 }, () => ({ status: "FAILED", message: refusedLoopback })));
  });

  it("one client: a kept-alive connection to the allowed address is reused, every new connection is checked again", async () => {
    dns.answers.set(REBINDING, ["127.0.0.2", "127.0.0.1"]);
    const client = openScimClient({ baseUrl: `http://${REBINDING}:${port}${sandboxPath()}`, token: TOKEN, retry: { retries: 0 }, concurrency: 4 });
    const before = sandbox.stats.snapshot().total;
    await client.users.listPage(1, 1);
    // Four at once: at most one of them can have the one open connection; the others open new ones.
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => client.users.listPage(1, 1)));
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const outcome of refused) expect(outcome.reason).toMatchObject({ kind: "unreachable", retryable: false, message: refusedLoopback });
    expect(sandbox.stats.snapshot().total - before).toBe(1 + (4 - refused.length));
  });
});

describe("names and spellings of this machine, and names that do not exist", () => {
  async function appPointingAt(baseUrl: string) {
    const { id } = await addApp("scim", context);
    await configureProvisioning(id, configureProvisioningInput.parse({ baseUrl: "https://scim.example.com/scim/v2", token: TOKEN }), context);
    // As if saved before these rules, or by a path that skipped them: the connection itself must refuse.
    await db.app.update({ where: { id }, data: { baseUrl } });
    return id;
  }

  it("refuses every spelling of this machine and of a metadata service, at Configure and at the connection", async () => {
    const spellings: [string, RegExp][] = [
      ["localhost.", /to localhost, because it is this machine \(loopback\)/],
      ["LOCALHOST", /to localhost, because it is this machine \(loopback\)/],
      ["api.localhost.", /to api\.localhost, because it is this machine \(loopback\)/],
      ["127.1", /to 127\.0\.0\.1, because it is this machine \(loopback\)/],
      ["0x7f.0.0.1", /to 127\.0\.0\.1, because it is this machine \(loopback\)/],
      ["2130706433", /to 127\.0\.0\.1, because it is this machine \(loopback\)/],
      ["[::ffff:127.0.0.1]", /this machine \(loopback\)/],
      ["metadata.google.internal.", /to metadata\.google\.internal, because it is a cloud metadata service/],
    ];
    for (const [host, message] of spellings) {
      const baseUrl = `http://${host}:${port}/scim/v2`;
      const { id } = await addApp("scim", context);
      await expect(configureProvisioning(id, configureProvisioningInput.parse({ baseUrl, token: TOKEN }), context), host).rejects.toMatchObject({
        code: "invalid_input",
        message: expect.stringMatching(message),
      });
      expect(await authorizeApp(await appPointingAt(baseUrl), context), host).toMatchObject({ ok: false, problem: expect.stringMatching(message) });
    }
  });

  it("refuses a name the DNS server says does not exist, in plain words", async () => {
    const result = await authorizeApp(await appPointingAt(`http://${MISSING}:${port}/scim/v2`), context);
    expect(result).toEqual({
      ok: false,
      problem: `Roster could not find the address of ${MISSING}. Check the Sync endpoint's spelling.`,
      advice: "Check the Sync endpoint.",
    });
  });
});
