export { startSandbox } from "./start-sandbox.ts";
export type { RunningSandbox, SandboxOptions } from "./start-sandbox.ts";
export type { FaultSettings } from "./fault-injector.ts";
export type { StatsSnapshot } from "./request-stats.ts";
