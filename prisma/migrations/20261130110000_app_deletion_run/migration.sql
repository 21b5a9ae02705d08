-- The sync run that deactivates every account of an app before the app is deleted; the app is deleted when it
-- finishes without failures. Null when no deletion is under way.
ALTER TABLE "apps" ADD COLUMN "deletion_run_id" UUID;
