-- A Sync now run's people, each once: the run counts a person when their first attempt ends,
-- however often their job runs again (a retry, a worker that died, a Retry-After), and a later
-- success takes them off the run's failures.
CREATE TABLE "sync_run_people" (
    "sync_run_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "failed" BOOLEAN NOT NULL,

    CONSTRAINT "sync_run_people_pkey" PRIMARY KEY ("sync_run_id","user_id")
);
ALTER TABLE "sync_run_people" ADD CONSTRAINT "sync_run_people_sync_run_id_fkey" FOREIGN KEY ("sync_run_id") REFERENCES "sync_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
