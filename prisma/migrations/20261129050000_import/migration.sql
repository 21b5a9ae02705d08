-- Importing an app's users into the directory: fetched snapshots and their candidates.

CREATE TYPE "ImportRunStatus" AS ENUM ('FETCHING', 'READY', 'CONFIRMING', 'CONFIRMED', 'CANCELLED', 'FAILED');

CREATE TABLE "import_runs" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "status" "ImportRunStatus" NOT NULL DEFAULT 'FETCHING',
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "applied" INTEGER NOT NULL DEFAULT 0,
    "to_apply" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB,
    "summary" JSONB,
    "error" TEXT,
    "started_by_id" UUID,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "import_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "import_runs_app_id_started_at_idx" ON "import_runs"("app_id", "started_at");
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "import_candidates" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "remote_id" TEXT,
    "user_name" TEXT,
    "email" TEXT,
    "display_name" TEXT,
    "remote_active" BOOLEAN,
    "remote_values" JSONB,
    "matched_user_id" UUID,
    "matched_by" TEXT,
    "actions" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "conflict" TEXT,
    "diff" JSONB,
    "applied_at" TIMESTAMPTZ(3),
    "search_text" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "import_candidates_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "import_candidates_run_id_position_key" ON "import_candidates"("run_id", "position");
CREATE INDEX "import_candidates_run_id_actions_idx" ON "import_candidates"("run_id", "actions");
ALTER TABLE "import_candidates" ADD CONSTRAINT "import_candidates_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "import_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
