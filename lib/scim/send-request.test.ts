import { createServer } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimClient, type ScimClientOptions } from "./create-scim-client.ts";
import { ScimError } from "./scim-error.ts";
import { sendJson, startFakeServer, type FakeHandler, type FakeServer } from "./testing/fake-scim-server.ts";

const TOKEN = "s3cr3t-T0KEN-value";
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const USER = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id: "u1", userName: "alice@example.com" };

// One server for the file; each test swaps in the handler it needs.
let handler: FakeHandler = () => {};
let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer((request, response) => handler(request, response));
});
afterAll(() => server.close());

function reply(status: number, body: string, headers: Record<string, string> = {}): FakeHandler {
  return (_, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

async function failure(promise: Promise<unknown>): Promise<ScimError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ScimError);
  return error as ScimError;
}

const json = { "content-type": "application/scim+json" };
const scimError = (status: string, extra: object = {}) => JSON.stringify({ schemas: [ERROR_SCHEMA], status, ...extra });

describe("the transport", () => {
  const client = (overrides: Partial<ScimClientOptions> = {}) =>
    createScimClient({ baseUrl: server.baseUrl, token: TOKEN, retry: { retries: 0 }, ...overrides });

  describe("what the client sends", () => {
    it("authenticates with the bearer token and asks for SCIM JSON", async () => {
      handler = (_, response) => sendJson(response, 200, USER);
      await client().users.get("u1");
      const { headers, method, url } = server.requests.at(-1)!;
      expect({ method, url }).toEqual({ method: "GET", url: "/scim/v2/Users/u1" });
      expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(headers.accept).toBe("application/scim+json, application/json");
      expect(headers["content-type"]).toBeUndefined();
    });

    it("labels a body as application/scim+json", async () => {
      handler = (_, response) => sendJson(response, 201, USER);
      await client().users.create({ userName: "alice@example.com" });
      expect(server.requests.at(-1)?.headers["content-type"]).toBe("application/scim+json");
    });

    it("trims a pasted token before sending it", async () => {
      handler = (_, response) => sendJson(response, 200, USER);
      await client({ token: `  ${TOKEN}\n` }).users.get("u1");
      expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    });
  });

  describe("answers that are accepted", () => {
    it.each([
      ["application/scim+json", { "content-type": "application/scim+json" }],
      ["application/json with a charset", { "content-type": "application/json; charset=utf-8" }],
      ["no content type at all", {}],
    ])("reads JSON labelled as %s", async (_, headers) => {
      handler = reply(200, JSON.stringify(USER), headers);
      await expect(client().users.get("u1")).resolves.toMatchObject({ id: "u1" });
    });

    it("keeps attributes it does not know and drops null ones", async () => {
      const custom = "urn:example:params:custom:1.0";
      handler = (_, response) => sendJson(response, 200, { ...USER, title: null, [custom]: { badge: "7" }, department: "R&D" });
      const user = await client().users.get("u1");
      expect(user).toMatchObject({ [custom]: { badge: "7" }, department: "R&D" });
      expect(user).not.toHaveProperty("title");
    });

    it("drops nulls deep inside the answer too, in nested objects and lists", async () => {
      handler = (_, response) =>
        sendJson(response, 200, {
          ...USER,
          name: { givenName: "Ada", middleName: null },
          emails: [null, { value: "ada@example.com", type: null, primary: true }],
        });
      const user = await client().users.get("u1");
      expect(user.name).toEqual({ givenName: "Ada" });
      expect(user.emails).toEqual([{ value: "ada@example.com", primary: true }]);
    });
  });

  describe("error classification over HTTP", () => {
    const atlassian409 =
      '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"Resource [USER]: with email[x@y] already exists."}';
    const inOneMinute = () => new Date(Date.now() + 60_000);

    it.each([
      [
        "an HTML page",
        () => reply(200, "<!doctype html><title>Sign in</title>", { "content-type": "text/html" }),
        { kind: "invalidResponse", status: 200 },
        /web page, not SCIM\. Check the Sync endpoint URL/,
      ],
      ["HTML labelled as JSON", () => reply(200, "<html><body>Login</body></html>", json), { kind: "invalidResponse" }, /web page, not SCIM/],
      ["broken JSON", () => reply(200, '{"id": "u1",', json), { kind: "invalidResponse" }, /broken JSON instead of SCIM JSON/],
      ["plain text", () => reply(200, "OK", { "content-type": "text/plain" }), { kind: "invalidResponse" }, /"text\/plain" instead of SCIM JSON/],
      ["a user without id", () => reply(200, JSON.stringify({ userName: "a" }), json), { kind: "invalidResponse" }, /user that has no id/],
      [
        "a user with a wrong type",
        () => reply(200, JSON.stringify({ id: "u1", userName: 7 }), json),
        { kind: "invalidResponse" },
        /not a valid SCIM user at "userName"/,
      ],
      ["an empty 200", () => reply(200, ""), { kind: "invalidResponse" }, /empty body where a SCIM user was expected/],
      ["a JSON array", () => reply(200, "[]", json), { kind: "invalidResponse" }, /not a valid SCIM user/],
      [
        "Atlassian's 401",
        () => reply(401, '{"error": "Unauthorized", "traceId": "4b1c7e"}', { "content-type": "application/json" }),
        { kind: "unauthorized", status: 401, traceId: "4b1c7e", detail: "Unauthorized", retryable: false },
        /rejected the SCIM token \(HTTP 401\).*paste it into the SCIM Token field/,
      ],
      [
        "a SCIM 401",
        () => reply(401, scimError("401", { detail: "Authorization failed" }), json),
        { kind: "unauthorized", detail: "Authorization failed" },
        /HTTP 401/,
      ],
      ["a bare 401", () => reply(401, ""), { kind: "unauthorized", status: 401 }, /HTTP 401/],
      [
        "Atlassian's 403",
        () => reply(403, '{"error":"Forbidden","traceId":"t-403"}', json),
        { kind: "unauthorized", status: 403, traceId: "t-403" },
        /HTTP 403.*belongs to this directory/,
      ],
      [
        "a 404",
        () => reply(404, scimError("404", { detail: "User not found" }), json),
        { kind: "notFound", status: 404, retryable: false },
        /nothing at GET \/scim\/v2\/Users\/u1 \(HTTP 404\)/,
      ],
      [
        "Atlassian's 409",
        () => reply(409, atlassian409, json),
        { kind: "conflict", status: 409, scimType: "uniqueness", detail: "Resource [USER]: with email[x@y] already exists.", retryable: false },
        /HTTP 409\): Resource \[USER\]: with email\[x@y\] already exists\. Link the existing account/,
      ],
      [
        "a 429 with Retry-After seconds",
        () => reply(429, "", { "retry-after": "3" }),
        { kind: "rateLimited", retryAfterMs: 3000, retryable: true },
        /HTTP 429\)\. Try again in 3 s/,
      ],
      ["a 429 without any hint", () => reply(429, ""), { kind: "rateLimited", retryAfterMs: undefined }, /Try again later/],
      [
        "a 500",
        () => reply(500, scimError("500", { detail: "Internal error" }), json),
        { kind: "transient", status: 500, retryable: true },
        /HTTP 500\): Internal error\. This is usually temporary/,
      ],
      [
        "a 502 HTML page from a proxy",
        () => reply(502, "<html>Bad gateway</html>", { "content-type": "text/html" }),
        { kind: "transient", status: 502, detail: undefined },
        /HTTP 502\)\./,
      ],
      ["a 503 with Retry-After", () => reply(503, "", { "retry-after": "2" }), { kind: "transient", status: 503, retryAfterMs: 2000 }, /HTTP 503/],
      [
        "a 501",
        () => reply(501, scimError("501", { detail: "PATCH is not supported" }), json),
        { kind: "badRequest", retryable: false },
        /does not support this operation \(HTTP 501\): PATCH is not supported\./,
      ],
      [
        "a 400 invalid filter",
        () => reply(400, scimError("400", { scimType: "invalidFilter", detail: "Caller has provided an invalid filter" }), json),
        { kind: "badRequest", scimType: "invalidFilter", detail: "Caller has provided an invalid filter" },
        /HTTP 400, invalidFilter\): Caller has provided an invalid filter\. The app does not support this search\./,
      ],
      [
        "Atlassian's Java exception dump",
        () => reply(400, JSON.stringify({ message: "users referenced do not exist", scimErrorType: "invalidValue", responseStatus: "BAD_REQUEST" }), json),
        { kind: "badRequest", scimType: "invalidValue", detail: "users referenced do not exist" },
        /check the field mapping/,
      ],
      ["a 412", () => reply(412, ""), { kind: "badRequest", status: 412 }, /refused the request \(HTTP 412\)\./],
    ])("%s", async (_, makeHandler, expected, message) => {
      handler = makeHandler();
      const error = await failure(client().users.get("u1"));
      expect(error).toMatchObject(expected);
      expect(error.message).toMatch(message);
    });

    it.each([
      ["an HTTP date", () => ({ "retry-after": inOneMinute().toUTCString() })],
      ["an ISO X-RateLimit-Reset", () => ({ "x-ratelimit-reset": inOneMinute().toISOString() })],
      ["an epoch X-RateLimit-Reset", () => ({ "x-ratelimit-reset": String(Math.floor(inOneMinute().getTime() / 1000)) })],
    ])("reads a 429 wait given as %s", async (_, headers) => {
      handler = reply(429, "", headers());
      const error = await failure(client().users.get("u1"));
      expect(error.kind).toBe("rateLimited");
      expect(error.retryAfterMs).toBeGreaterThan(55_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
    });

    it("keeps the request in the error, without the query string", async () => {
      handler = reply(500, "");
      const error = await failure(client().users.findByUserName("alice@example.com"));
      expect(error).toMatchObject({ method: "GET", url: `${server.baseUrl}/Users` });
      expect(JSON.stringify(error)).not.toContain("alice");
    });
  });

  describe("limits", () => {
    it("refuses an answer that declares a body over the cap", async () => {
      handler = reply(200, JSON.stringify({ ...USER, padding: "x".repeat(5000) }), json);
      const error = await failure(client({ maxBodyBytes: 1024 }).users.get("u1"));
      expect(error).toMatchObject({ kind: "invalidResponse", retryable: false });
      expect(error.message).toMatch(/larger than 1 KB/);
    });

    it("stops reading a streamed body as soon as it passes the cap", async () => {
      let closedEarly = false;
      handler = (_, response) => {
        response.writeHead(200, json);
        response.on("close", () => (closedEarly = !response.writableFinished));
        const timer = setInterval(() => response.write("x".repeat(1024)), 5);
        response.on("close", () => clearInterval(timer));
      };
      const error = await failure(client({ maxBodyBytes: 4096 }).users.get("u1"));
      expect(error.message).toMatch(/larger than 4 KB/);
      await expect.poll(() => closedEarly).toBe(true);
    });

    it("times out a server that never answers", async () => {
      handler = () => {};
      const error = await failure(client({ timeouts: { headersMs: 100, totalMs: 5000 } }).users.get("u1"));
      expect(error).toMatchObject({ kind: "timeout", retryable: true });
      expect(error.message).toMatch(/^The app answered too slowly: 127\.0\.0\.1:\d+ did not start answering GET \/scim\/v2\/Users\/u1 within 100 ms\./);
    });

    it("times out a body that stops arriving", async () => {
      handler = (_, response) => {
        response.writeHead(200, json);
        response.write('{"id":"u1",');
      };
      const error = await failure(client({ timeouts: { bodyMs: 200, totalMs: 5000 } }).users.get("u1"));
      expect(error).toMatchObject({ kind: "timeout", retryable: true });
      expect(error.message).toMatch(/^The app answered too slowly: 127\.0\.0\.1:\d+ stopped sending its answer to GET \/scim\/v2\/Users\/u1 for 200 ms\./);
    });

    it("fails at the total deadline a server that trickles its body a byte a second, though every byte restarts the body timeout", async () => {
      let bytes = 0;
      let closed = false;
      handler = (_, response) => {
        response.writeHead(200, json);
        response.write('{"id":"u1",');
        const timer = setInterval(() => {
          bytes += 1;
          response.write(" ");
        }, 1000);
        response.on("close", () => {
          clearInterval(timer);
          closed = true;
        });
      };
      const startedAt = performance.now();
      const error = await failure(client({ timeouts: { headersMs: 1000, bodyMs: 2500, totalMs: 4000 } }).users.get("u1"));
      const elapsedMs = performance.now() - startedAt;
      expect(error).toMatchObject({ kind: "timeout", retryable: true });
      expect(error.message).toMatch(/^The app answered too slowly: no complete answer to GET \/scim\/v2\/Users\/u1 from 127\.0\.0\.1:\d+ within 4 s\./);
      // Past the body timeout more than once over, so it was restarted; ended by the deadline, not by the server.
      expect(bytes).toBeGreaterThanOrEqual(2);
      expect(elapsedMs).toBeGreaterThanOrEqual(3_990);
      expect(elapsedMs).toBeLessThan(4_000 + 2_500);
      // The connection is dropped, so the server cannot keep a slot of the client's.
      await expect.poll(() => closed).toBe(true);
    }, 15_000);
  });

  describe("redirects", () => {
    it("never follows a redirect to another origin, so the token stays home", async () => {
      const elsewhere = await startFakeServer((_, response) => sendJson(response, 200, USER));
      try {
        handler = reply(302, "", { location: `${elsewhere.baseUrl}/Users/u1` });
        const error = await failure(client().users.get("u1"));
        expect(error).toMatchObject({ kind: "invalidResponse", status: 302, retryable: false });
        expect(error.message).toContain(`redirected the request to another site, ${elsewhere.origin}`);
        expect(elsewhere.requests).toHaveLength(0);
      } finally {
        await elsewhere.close();
      }
    });

    it("reports a same-origin redirect instead of following it", async () => {
      handler = reply(308, "", { location: "/scim/v3/Users/u1" });
      const error = await failure(client().users.get("u1"));
      expect(error.message).toMatch(/redirected the request to \/scim\/v3\/Users\/u1 \(HTTP 308\)\. Roster does not follow redirects/);
    });

    it("reports a redirect without a location", async () => {
      handler = reply(301, "");
      expect((await failure(client().users.get("u1"))).message).toMatch(/without saying where to/);
    });
  });

  describe("network failures", () => {
    it("classifies a refused connection as unreachable and retryable", async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      const error = await failure(createScimClient({ baseUrl: `http://127.0.0.1:${port}/scim`, token: TOKEN, retry: { retries: 0 } }).users.get("u1"));
      expect(error).toMatchObject({ kind: "unreachable", code: "ECONNREFUSED", retryable: true });
      expect(error.message).toMatch(/could not reach 127\.0\.0\.1:\d+: the connection was refused/);
    });

    it("classifies HTTPS to a plain HTTP port as a TLS failure", async () => {
      const error = await failure(
        createScimClient({ baseUrl: server.baseUrl.replace("http:", "https:"), token: TOKEN, retry: { retries: 0 } }).users.get("u1"),
      );
      expect(error).toMatchObject({ kind: "tls", retryable: false });
      expect(error.code).toMatch(/^ERR_SSL_|^EPROTO$/);
    });

    it("times out a connection whose TLS handshake never finishes, as a connect timeout that even a create retries", async () => {
      // Accepts TCP, then says nothing: the secure connection never opens.
      const sockets: Socket[] = [];
      let closed = 0;
      const silent = createNetServer((socket) => {
        sockets.push(socket);
        socket.resume().on("close", () => (closed += 1));
      });
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = silent.address() as AddressInfo;
        const scim = createScimClient({
          baseUrl: `https://127.0.0.1:${port}/scim`,
          token: TOKEN,
          retry: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 1 },
          timeouts: { connectMs: 200 },
        });
        const error = await failure(scim.users.create({ userName: "alice@example.com" }));
        expect(error).toMatchObject({ kind: "timeout", code: "CONNECT_TIMEOUT", retryable: true });
        expect(error.message).toMatch(/^The app answered too slowly: Roster could not connect to 127\.0\.0\.1:\d+ within 200 ms\./);
        expect(sockets).toHaveLength(2); // Nothing was sent, so the create was tried again.
        await expect.poll(() => closed).toBe(2); // And the client let go of both connections.
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it("classifies a dropped connection as unreachable", async () => {
      handler = (_, response) => response.socket?.destroy();
      const error = await failure(client().users.get("u1"));
      expect(error).toMatchObject({ kind: "unreachable", retryable: true });
      expect(error.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    });
  });

  describe("the token never leaks", () => {
    it.each([
      ["a 401", reply(401, '{"error":"Unauthorized","traceId":"t"}', json)],
      ["a 500", reply(500, "")],
      ["an HTML page", reply(200, "<html></html>", { "content-type": "text/html" })],
      ["a hang", () => {}],
      ["a redirect", reply(302, "", { location: "http://127.0.0.2/x" })],
    ])("from the error of %s", async (_, scripted) => {
      handler = scripted;
      const error = await failure(client({ timeouts: { headersMs: 50, totalMs: 50 } }).users.get("u1"));
      for (const rendering of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 }), error.stack ?? ""]) {
        expect(rendering).not.toContain(TOKEN);
      }
    });

    it("from the client object itself", () => {
      const scim = client();
      expect(inspect(scim, { depth: 10, showHidden: true })).not.toContain(TOKEN);
      expect(JSON.stringify(scim)).not.toContain(TOKEN);
    });
  });
});

describe("kept-alive connections", () => {
  it("closes an idle connection before the server says it will", async () => {
    // The server announces "Keep-Alive: timeout=3" and would close idle connections after 3 s. A
    // request written at that moment would meet a reset, so the client must let go first. The
    // server sees "end" only when the client closes: its own timeout destroys the socket instead.
    let opened = 0;
    let endedByClient = 0;
    const keepAliveServer = createServer((_, response) => sendJson(response, 200, USER));
    keepAliveServer.keepAliveTimeout = 3_000;
    keepAliveServer.on("connection", (socket) => {
      opened += 1;
      socket.on("end", () => (endedByClient += 1));
    });
    await new Promise<void>((resolve) => keepAliveServer.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = keepAliveServer.address() as AddressInfo;
      const scim = createScimClient({ baseUrl: `http://127.0.0.1:${port}/scim/v2`, token: TOKEN, retry: { retries: 0 } });
      for (let index = 0; index < 5; index++) await scim.users.get("u1");
      expect(opened).toBeLessThanOrEqual(2); // Back to back: kept alive and reused.

      await expect.poll(() => endedByClient, { timeout: 10_000 }).toBe(opened);
      await scim.users.get("u1");
      expect(opened).toBeGreaterThan(endedByClient); // A fresh connection.
      await scim.close();
    } finally {
      keepAliveServer.closeAllConnections();
      await new Promise((resolve) => keepAliveServer.close(resolve));
    }
  });
});
