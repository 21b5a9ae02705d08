-- The externalId the app holds for each account, as Roster last knew it. Roster's creates carry the person's id;
-- an account that was linked or imported may carry none or another, and gets Roster's id with its next update,
-- so a later import matches it by id. Accounts that exist before this column are taken to carry Roster's id
-- (nearly all were created by Roster); one that does not gets it once its profile next changes.
ALTER TABLE "accounts" ADD COLUMN "remote_external_id" TEXT;
UPDATE "accounts" SET "remote_external_id" = "user_id"::text WHERE "remote_id" IS NOT NULL;
