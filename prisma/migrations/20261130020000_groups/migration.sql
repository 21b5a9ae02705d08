-- Directory groups, their members, and apps assigned to whole groups.

CREATE TABLE "groups" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "groups_pkey" PRIMARY KEY ("id")
);
-- The name lower-cased, computed by PostgreSQL: names are unique per organization whatever their case
-- (as Atlassian's groups are), and lists sort and search on it.
ALTER TABLE "groups" ADD COLUMN "name_key" TEXT GENERATED ALWAYS AS (lower("name")) STORED;
CREATE UNIQUE INDEX "groups_organization_id_name_key_key" ON "groups"("organization_id", "name_key");
CREATE INDEX "groups_name_key_trgm_idx" ON "groups" USING GIN ("name_key" gin_trgm_ops);
ALTER TABLE "groups" ADD CONSTRAINT "groups_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "group_members" (
    "group_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "group_members_pkey" PRIMARY KEY ("group_id", "user_id")
);
CREATE INDEX "group_members_user_id_idx" ON "group_members"("user_id");
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "group_assignments" (
    "app_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "group_assignments_pkey" PRIMARY KEY ("app_id", "group_id")
);
CREATE INDEX "group_assignments_group_id_idx" ON "group_assignments"("group_id");
ALTER TABLE "group_assignments" ADD CONSTRAINT "group_assignments_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "group_assignments" ADD CONSTRAINT "group_assignments_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;
