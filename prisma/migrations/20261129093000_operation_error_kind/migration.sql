-- What kind of failure a FAILED operation was (the SCIM client's error kind: unauthorized, timeout,
-- invalidResponse, transient…): quarantine counts a run of refusals, timeouts and unusable answers,
-- never a run of 5xx or 429.
ALTER TABLE "operations" ADD COLUMN "error_kind" TEXT;
