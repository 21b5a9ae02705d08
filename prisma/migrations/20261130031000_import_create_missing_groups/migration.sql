-- A CSV import's choice, fixed when its first batch runs: create the groups its Groups column names that don't exist yet
-- (otherwise the rows naming them are not imported).
ALTER TABLE "directory_imports" ADD COLUMN "create_missing_groups" BOOLEAN NOT NULL DEFAULT false;
