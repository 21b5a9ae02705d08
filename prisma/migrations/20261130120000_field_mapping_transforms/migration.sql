-- Transforms applied, in order, to a mapped directory field's value (join, case, default, before @, first N, replace).
ALTER TABLE "field_mappings" ADD COLUMN "transforms" JSONB NOT NULL DEFAULT '[]';
