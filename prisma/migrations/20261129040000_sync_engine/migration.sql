-- Sync engine: accounts in apps, the provisioning log, sync runs, and per-app limits.

ALTER TABLE "apps"
    ADD COLUMN "quarantine_reason" TEXT,
    ADD COLUMN "quarantined_at" TIMESTAMPTZ(3),
    ADD COLUMN "max_concurrency" INTEGER NOT NULL DEFAULT 4,
    ADD COLUMN "max_requests_per_second" INTEGER NOT NULL DEFAULT 20,
    ADD COLUMN "deletion_threshold_percent" INTEGER NOT NULL DEFAULT 20,
    ADD COLUMN "deletion_threshold_count" INTEGER NOT NULL DEFAULT 25;

CREATE TYPE "AccountState" AS ENUM ('ACTIVE', 'INACTIVE', 'DELETED');
CREATE TYPE "OperationKind" AS ENUM ('CREATE', 'LINK', 'UPDATE', 'ACTIVATE', 'DEACTIVATE', 'DELETE');
CREATE TYPE "OperationStatus" AS ENUM ('SUCCEEDED', 'FAILED', 'SKIPPED');
CREATE TYPE "SyncRunStatus" AS ENUM ('RUNNING', 'WAITING_FOR_APPROVAL', 'COMPLETED', 'CANCELLED');

CREATE TABLE "accounts" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "user_label" TEXT NOT NULL,
    "remote_id" TEXT,
    "remote_user_name" TEXT,
    "pushed_values" JSONB NOT NULL DEFAULT '{}',
    "state" "AccountState" NOT NULL,
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "last_synced_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "accounts_app_id_user_id_key" ON "accounts"("app_id", "user_id");
CREATE INDEX "accounts_app_id_state_idx" ON "accounts"("app_id", "state");
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "operations" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "user_label" TEXT NOT NULL,
    "sync_run_id" UUID,
    "kind" "OperationKind" NOT NULL,
    "status" "OperationStatus" NOT NULL,
    "http_status" INTEGER,
    "message" TEXT,
    "changes" JSONB,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "duration_ms" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "operations_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "operations_app_id_created_at_id_idx" ON "operations"("app_id", "created_at" DESC, "id" DESC);
CREATE INDEX "operations_app_id_user_id_created_at_idx" ON "operations"("app_id", "user_id", "created_at" DESC);
CREATE INDEX "operations_sync_run_id_idx" ON "operations"("sync_run_id");
ALTER TABLE "operations" ADD CONSTRAINT "operations_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "sync_runs" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'RUNNING',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "started_by_id" UUID,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sync_runs_app_id_started_at_idx" ON "sync_runs"("app_id", "started_at");
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Liveness of workers, so jobs held by a killed worker are released quickly.
CREATE TABLE "worker_heartbeats" (
    "worker_id" TEXT NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("worker_id")
);
