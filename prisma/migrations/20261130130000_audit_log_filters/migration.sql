-- The audit log's filters and search on 100k+ events without a sequential scan.
-- Who (actor) and what (action), each newest first for keyset paging.
CREATE INDEX "audit_events_organization_id_actor_label_created_at_id_idx" ON "audit_events"("organization_id", "actor_label", "created_at" DESC, "id" DESC);
CREATE INDEX "audit_events_organization_id_action_created_at_id_idx" ON "audit_events"("organization_id", "action", "created_at" DESC, "id" DESC);
-- Search: case-insensitive "contains" on the target's label and the actor's label (the action is matched
-- against the wording table in code, then by the action index above).
CREATE INDEX "audit_events_target_label_trgm_idx" ON "audit_events" USING GIN ("target_label" gin_trgm_ops);
CREATE INDEX "audit_events_actor_label_trgm_idx" ON "audit_events" USING GIN ("actor_label" gin_trgm_ops);
