import type { Attributes } from "./coerce-attributes.ts";
import { invalidValue } from "./scim-problem.ts";

/** Atlassian's rules for a user on create, replace and after a patch: a user name and exactly one primary e-mail. */
export function checkUser(attributes: Attributes): void {
  if (typeof attributes.userName !== "string" || attributes.userName.trim() === "") throw invalidValue("userName is required.");
  const emails = attributes.emails;
  if (!Array.isArray(emails) || emails.length === 0) throw invalidValue("At least one e-mail is required.");
  if (emails.some((email: { value?: unknown }) => typeof email.value !== "string" || email.value.trim() === "")) {
    throw invalidValue("Every e-mail needs a value.");
  }
  if (emails.filter((email: { primary?: unknown }) => email.primary === true).length !== 1) {
    throw invalidValue("Exactly one e-mail must be primary.");
  }
}

export function checkGroup(attributes: Attributes): void {
  if (typeof attributes.displayName !== "string" || attributes.displayName.trim() === "") throw invalidValue("displayName is required.");
  const members = attributes.members;
  if (Array.isArray(members) && members.some((member: { value?: unknown }) => typeof member.value !== "string")) {
    throw invalidValue("Every member needs a value (the user id).");
  }
}
