/**
 * Single sign-on: signed SAML responses issued by one process (lib/sso/issueResponse, what the SSO endpoints call:
 * the app, its settings, the person and their access read from the database, the response built and signed twice,
 * Response and Assertion, RSA-SHA256). Prints
 *   {"bench":"sso.assertion","perSec":…,"p95Ms":…,"p50Ms":…,"concurrency":…,"responses":…,"cpuMsPerResponse":…,"cores":…}
 * perSec is responses per second with CONCURRENCY sign-ins in flight at once; p95Ms is each response's own time
 * under that load. cpuMsPerResponse is this process's CPU (every thread) per response under that load: with the
 * database's own share, it sets the ceiling, cores × 1000 / CPU ms, that no amount of concurrency gets past.
 * A sequential line (concurrency 1) follows, as the baseline of one sign-in at a time, then a "signing only" line:
 * the two signatures of one response and nothing else, one at a time, with their CPU per response, which is the
 * part of cpuMsPerResponse that xml-crypto and RSA take.
 */
import { generateKeyPairSync } from "node:crypto";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { percentile, withBenchDatabase } from "./support/bench-database";

const CONCURRENCY = 8;
const RESPONSES = 800;
const SEQUENTIAL = 200;
const WARMUP = 40;

export async function run(): Promise<void> {
  await withBenchDatabase(async () => {
    const { db } = await import("../../lib/db");
    const { makeOrganization, makePerson } = await import("../../lib/testing/make-organization");
    const { addApp } = await import("../../lib/provisioning/apps/manage-apps");
    const { assignUsers } = await import("../../lib/directory/assignments/assign-users");
    const { saveSamlSettings } = await import("../../lib/sso/saml-settings");
    const { issueResponse } = await import("../../lib/sso/issue-response");

    const organization = await makeOrganization("Bench SSO");
    const owner = await makePerson(organization.id, { role: "OWNER" });
    const context = { organizationId: organization.id, actor: { id: owner.id, label: owner.email }, ip: null };
    const app = await addApp("atlassian", context, "Atlassian");
    const people = await Promise.all(Array.from({ length: 50 }, (_, index) => makePerson(organization.id, { email: `sso${index}@bench.example` })));
    await assignUsers(app.id, { ids: people.map((person) => person.id) }, context);
    await saveSamlSettings(app.id, { enabled: true, spEntityId: "https://bench.atlassian.net/sp", acsUrl: "https://bench.atlassian.net/acs" }, context);

    let next = 0;
    const issueOne = async (): Promise<number> => {
      const person = people[next++ % people.length]!;
      const started = performance.now();
      const form = await issueResponse({ appId: app.id, personId: person.id, baseUrl: "https://roster.example.com", inResponseTo: `_req${next}` });
      const elapsed = performance.now() - started;
      if (!form.samlResponse) throw new Error("No response was issued; the benchmark is broken.");
      return elapsed;
    };

    for (let index = 0; index < WARMUP; index++) await issueOne();

    const concurrent: number[] = [];
    let started = 0;
    const cpuBefore = process.cpuUsage();
    const startedAll = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (started < RESPONSES) {
          started++;
          concurrent.push(await issueOne());
        }
      }),
    );
    const seconds = (performance.now() - startedAll) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    concurrent.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        bench: "sso.assertion",
        perSec: Math.round(concurrent.length / seconds),
        p95Ms: percentile(concurrent, 95),
        p50Ms: percentile(concurrent, 50),
        concurrency: CONCURRENCY,
        responses: concurrent.length,
        cpuMsPerResponse: Math.round(((cpu.user + cpu.system) / 1000 / concurrent.length) * 100) / 100,
        cores: availableParallelism(),
      }),
    );

    const sequential: number[] = [];
    const startedSequential = performance.now();
    for (let index = 0; index < SEQUENTIAL; index++) sequential.push(await issueOne());
    const sequentialSeconds = (performance.now() - startedSequential) / 1000;
    sequential.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        bench: "sso.assertion",
        case: "one at a time",
        perSec: Math.round(sequential.length / sequentialSeconds),
        p95Ms: percentile(sequential, 95),
        p50Ms: percentile(sequential, 50),
        concurrency: 1,
        responses: sequential.length,
      }),
    );

    const { signResponse } = await import("../../lib/sso/sign-response");
    const { buildResponseXml } = await import("../../lib/sso/response-template");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const now = new Date();
    const unsigned = (index: number) =>
      buildResponseXml({
        responseId: `_r${index}`,
        assertionId: `_a${index}`,
        issueInstant: now,
        issuer: "https://roster.example.com/sso/saml/bench",
        destination: "https://bench.atlassian.net/acs",
        inResponseTo: `_req${index}`,
        audience: "https://bench.atlassian.net/sp",
        nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        nameId: `sso${index}@bench.example`,
        notBefore: now,
        notOnOrAfter: now,
        authnInstant: now,
        sessionIndex: `_s${index}`,
        authnContextClassRef: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
        attributes: [
          { name: "email", value: `sso${index}@bench.example` },
          { name: "givenName", value: "Sam" },
          { name: "familyName", value: "Bench" },
        ],
      });
    for (let index = 0; index < WARMUP; index++) await signResponse(unsigned(index), privateKey, "MIIB");
    const signingCpu = process.cpuUsage();
    const startedSigning = performance.now();
    for (let index = 0; index < SEQUENTIAL; index++) await signResponse(unsigned(index), privateKey, "MIIB");
    const signingSeconds = (performance.now() - startedSigning) / 1000;
    const signing = process.cpuUsage(signingCpu);
    console.log(
      JSON.stringify({
        bench: "sso.assertion",
        case: "signing only",
        perSec: Math.round(SEQUENTIAL / signingSeconds),
        cpuMsPerResponse: Math.round(((signing.user + signing.system) / 1000 / SEQUENTIAL) * 100) / 100,
        concurrency: 1,
        responses: SEQUENTIAL,
      }),
    );
    await db.$disconnect();
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
