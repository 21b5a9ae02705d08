-- The app's groups each fetched user is a member of (their display names, as the app's users list them), so the
-- review can show them and confirming can add the imported people to directory groups of the same names.
ALTER TABLE "import_candidates" ADD COLUMN "remote_groups" TEXT[] NOT NULL DEFAULT '{}';
