-- Single sign-on: Roster as the SAML 2.0 identity provider of its apps (issue #17).
-- Signing keys per organization (private key encrypted like SCIM tokens), rotated with overlap.
CREATE TYPE "SsoSigningKeyState" AS ENUM ('NEXT', 'ACTIVE', 'RETIRED');

CREATE TABLE "sso_signing_keys" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "state" "SsoSigningKeyState" NOT NULL,
    "private_key_ciphertext" TEXT NOT NULL,
    "certificate_pem" TEXT NOT NULL,
    "not_before" TIMESTAMPTZ(3) NOT NULL,
    "not_after" TIMESTAMPTZ(3) NOT NULL,
    "activated_at" TIMESTAMPTZ(3),
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_signing_keys_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "sso_signing_keys_organization_id_state_idx" ON "sso_signing_keys"("organization_id", "state");
-- At most one ACTIVE and one NEXT key per organization, whatever two requests race to do.
CREATE UNIQUE INDEX "sso_signing_keys_one_active_idx" ON "sso_signing_keys"("organization_id") WHERE "state" = 'ACTIVE';
CREATE UNIQUE INDEX "sso_signing_keys_one_next_idx" ON "sso_signing_keys"("organization_id") WHERE "state" = 'NEXT';

ALTER TABLE "sso_signing_keys" ADD CONSTRAINT "sso_signing_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An app's SAML settings; another protocol (OpenID Connect) would get a table of its own keyed by app id.
CREATE TYPE "SamlNameIdFormat" AS ENUM ('EMAIL', 'PERSISTENT', 'UNSPECIFIED');

CREATE TABLE "saml_app_settings" (
    "app_id" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "sp_entity_id" TEXT NOT NULL,
    "acs_url" TEXT NOT NULL,
    "name_id_format" "SamlNameIdFormat" NOT NULL DEFAULT 'EMAIL',
    "name_id_source" TEXT NOT NULL DEFAULT 'userName',
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_app_settings_pkey" PRIMARY KEY ("app_id")
);

ALTER TABLE "saml_app_settings" ADD CONSTRAINT "saml_app_settings_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AuthnRequest IDs already answered: a replayed request is refused; expired rows are pruned.
CREATE TABLE "saml_requests_seen" (
    "app_id" UUID NOT NULL,
    "request_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_requests_seen_pkey" PRIMARY KEY ("app_id", "request_id")
);

CREATE INDEX "saml_requests_seen_expires_at_idx" ON "saml_requests_seen"("expires_at");

ALTER TABLE "saml_requests_seen" ADD CONSTRAINT "saml_requests_seen_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
