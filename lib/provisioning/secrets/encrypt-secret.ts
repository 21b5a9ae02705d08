// Moved to lib/secrets (sign-in secrets use it too); kept here so existing imports still work.
export * from "../../secrets/encrypt-secret";
