import { describeScimContract } from "./testing/contract-suite.ts";
import { startScimmyServer } from "./testing/scimmy-server.ts";

// SCIMMY compares filter values exactly, case included.
describeScimContract("SCIMMY (an independent implementation)", () => startScimmyServer("scimmy-contract-token"), { userNameFilter: "exactCase" });
