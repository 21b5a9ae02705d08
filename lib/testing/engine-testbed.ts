/**
 * What an engine integration test stands on: a sandbox on loopback, an organization with its Owner, an app set up
 * through the wizard's services and pointed at the sandbox, and a real worker process. Call it in `beforeAll` and
 * `close()` in `afterAll`.
 */
import { vi } from "vitest";
import { startSandbox, type RunningSandbox } from "../sandbox";
import { makeActiveApp } from "./active-app";
import { makeOrganization, makePerson } from "./make-organization";
import { startWorker, type WorkerProcess } from "../../scripts/testing/worker-process";

export interface EngineTestbed {
  sandbox: RunningSandbox;
  worker: WorkerProcess;
  appId: string;
  organizationId: string;
  context: { organizationId: string; actor: { id: string; label: string }; ip: null; actorRole: string };
  close(): Promise<void>;
}

export async function startEngineTestbed(options: {
  token: string;
  organization: string;
  ownerEmail: string;
  limits?: { maxConcurrency?: number; maxRequestsPerSecond?: number };
}): Promise<EngineTestbed> {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  const sandbox = await startSandbox({ quiet: true, token: options.token });
  const organizationId = (await makeOrganization(options.organization)).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: options.ownerEmail });
  const context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null, actorRole: "OWNER" };
  const appId = await makeActiveApp(sandbox, context, options.limits);
  const worker = startWorker();
  return {
    sandbox,
    worker,
    appId,
    organizationId,
    context,
    async close() {
      await worker.stop();
      await sandbox.close();
    },
  };
}
