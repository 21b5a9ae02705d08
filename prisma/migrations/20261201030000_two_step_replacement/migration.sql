-- Replacing an authenticator: the new one's secret waits here, encrypted, until a code from it confirms it; until then the old one keeps working.
ALTER TABLE "two_step_factors" ADD COLUMN "pending_secret_ciphertext" TEXT;
