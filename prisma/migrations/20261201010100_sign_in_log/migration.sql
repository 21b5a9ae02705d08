-- The sign-in log: who signed in to Roster or to which app, when, from where, and the outcome.
CREATE TYPE "SignInOutcome" AS ENUM ('SUCCEEDED', 'FAILED');

CREATE TABLE "sign_in_events" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "user_id" UUID,
    "user_label" TEXT NOT NULL,
    "app_id" UUID,
    "app_label" TEXT,
    "outcome" "SignInOutcome" NOT NULL,
    "reason" TEXT,
    "method" TEXT,
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_events_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "sign_in_events_organization_id_created_at_id_idx" ON "sign_in_events"("organization_id", "created_at" DESC, "id" DESC);
CREATE INDEX "sign_in_events_organization_id_user_label_created_at_id_idx" ON "sign_in_events"("organization_id", "user_label", "created_at" DESC, "id" DESC);
CREATE INDEX "sign_in_events_organization_id_app_id_created_at_id_idx" ON "sign_in_events"("organization_id", "app_id", "created_at" DESC, "id" DESC);

ALTER TABLE "sign_in_events" ADD CONSTRAINT "sign_in_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "sign_in_events" ADD CONSTRAINT "sign_in_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
