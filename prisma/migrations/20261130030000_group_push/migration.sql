-- Group push: which apps push groups, which assigned groups are pushed, each pushed group's state in the
-- app, and log rows about groups.

ALTER TABLE "apps" ADD COLUMN "push_groups" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "group_assignments" ADD COLUMN "push" BOOLEAN NOT NULL DEFAULT false;

CREATE TYPE "AppGroupState" AS ENUM ('ACTIVE', 'CONFLICT', 'DELETED');

CREATE TABLE "app_groups" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "group_label" TEXT NOT NULL,
    "remote_id" TEXT,
    "remote_name" TEXT,
    "pushed_member_ids" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "state" "AppGroupState" NOT NULL,
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "last_synced_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "app_groups_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "app_groups_app_id_group_id_key" ON "app_groups"("app_id", "group_id");
ALTER TABLE "app_groups" ADD CONSTRAINT "app_groups_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A log row is about a person or, now, about a group.
ALTER TABLE "operations" ALTER COLUMN "user_id" DROP NOT NULL;
ALTER TABLE "operations" ADD COLUMN "group_id" UUID;
CREATE INDEX "operations_app_id_group_id_created_at_idx" ON "operations"("app_id", "group_id", "created_at" DESC);
