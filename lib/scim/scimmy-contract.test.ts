import { describeScimContract } from "./testing/contract-suite.ts";
import { startScimmyServer } from "./testing/scimmy-server.ts";

describeScimContract("SCIMMY (an independent implementation)", () => startScimmyServer("scimmy-contract-token"));
