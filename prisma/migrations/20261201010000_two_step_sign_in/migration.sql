-- Two-step sign-in (TOTP) with recovery codes, the organization's requirement, and sessions that still owe a step.
CREATE TYPE "SignInStep" AS ENUM ('CODE', 'ENROL');
CREATE TYPE "TwoStepRequirement" AS ENUM ('NOBODY', 'ADMINS', 'EVERYONE');

ALTER TABLE "organizations" ADD COLUMN "two_step_required" "TwoStepRequirement" NOT NULL DEFAULT 'NOBODY';
ALTER TABLE "sessions" ADD COLUMN "pending_step" "SignInStep";

CREATE TABLE "two_step_factors" (
    "user_id" UUID NOT NULL,
    "secret_ciphertext" TEXT NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "last_used_step" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "two_step_factors_pkey" PRIMARY KEY ("user_id")
);

CREATE TABLE "recovery_codes" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "recovery_codes_user_id_idx" ON "recovery_codes"("user_id");

ALTER TABLE "two_step_factors" ADD CONSTRAINT "two_step_factors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
