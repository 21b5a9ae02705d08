export { startSandbox } from "./start-sandbox.ts";
export type { RunningSandbox, SandboxOptions } from "./start-sandbox.ts";
export type { FaultSettings } from "./fault-injector.ts";
export type { StatsSnapshot } from "./request-stats.ts";
export { SERVER_QUIRKS, SERVER_QUIRK_NAMES } from "./server-quirks.ts";
export type { QuirkSettings, ServerQuirk } from "./server-quirks.ts";
