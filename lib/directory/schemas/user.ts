/**
 * A directory person's fields, validated the same way in the form (through
 * zodResolver) and on the server. Pure zod: safe to import in the browser.
 */
import { z } from "zod";
import { searchText, searchTextFromUrl } from "../../http/search-text";

export const USER_STATUSES = ["ACTIVE", "INACTIVE"] as const;
export type UserStatusName = (typeof USER_STATUSES)[number];

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function text(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: `Keep the ${label} under ${max} characters.` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { error: `The ${label} cannot contain line breaks or control characters.` });
}

/** An optional text field: empty means "not set" and is stored as null. */
function optionalText(label: string, max: number) {
  return text(label, max)
    .optional()
    .nullable()
    .transform((value) => (value ? value : null));
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value.includes("/") || value === "UTC";
  } catch {
    return false;
  }
}

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1 && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(value);
  } catch {
    return false;
  }
}

export const emailField = z
  .string()
  .trim()
  .min(1, { error: "Enter an e-mail address." })
  .max(254, { error: "That e-mail address is too long." })
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid e-mail address, such as dana.lee@example.com." }));

export const userInput = z.object({
  email: emailField,
  firstName: text("first name", 100).min(1, { error: "Enter a first name." }),
  lastName: text("last name", 100).min(1, { error: "Enter a last name." }),
  displayName: optionalText("display name", 200),
  employeeId: optionalText("employee ID", 64),
  title: optionalText("job title", 200),
  department: optionalText("department", 100),
  mobile: optionalText("mobile number", 40).refine((value) => !value || /^\+?[0-9 ()./-]{4,40}$/.test(value), {
    error: "Enter a phone number with digits, spaces and an optional leading +.",
  }),
  locale: optionalText("locale", 35).refine((value) => !value || isLocale(value), {
    error: "Enter a language tag such as en-GB or de-DE.",
  }),
  timezone: optionalText("time zone", 64).refine((value) => !value || isTimeZone(value), {
    error: "Enter a time zone such as Europe/London or America/New_York.",
  }),
  status: z.enum(USER_STATUSES, { error: "Choose Active or Deactivated." }).default("ACTIVE"),
});
export type UserInput = z.infer<typeof userInput>;
/** Every profile field, in the form's order: what a new person's audit event records and the CSV export's columns. */
export const USER_PROFILE_FIELDS = userInput.keyof().options;
/** What the form holds before parsing (empty strings, status optional). */
export type UserFormValues = z.input<typeof userInput>;

export const USER_FIELD_LABELS: Record<keyof UserInput, string> = {
  email: "E-mail",
  firstName: "First name",
  lastName: "Last name",
  displayName: "Display name",
  employeeId: "Employee ID",
  title: "Job title",
  department: "Department",
  mobile: "Mobile",
  locale: "Locale",
  timezone: "Time zone",
  status: "Status",
};

export const USER_SORTS = ["name", "email", "created", "status"] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** A department from a URL, for display only: control characters removed, an over-long value dropped. */
const departmentFromUrl = z
  .string()
  .transform((value) => value.replace(/[\u0000-\u001f\u007f]/g, " ").trim())
  .pipe(z.string().max(100))
  .optional()
  .catch(undefined);

/**
 * The users list's query string: search, filters, sort and page. Lenient, for
 * display only: a value that does not parse is dropped and the list shows more.
 * Never use it for a write; a write's filter is `userFilterInput`.
 */
export const userListQuery = z.object({
  q: searchTextFromUrl,
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  department: departmentFromUrl,
  sort: z.enum(USER_SORTS).default("name").catch("name"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  after: z.string().max(500).optional().catch(undefined),
  before: z.string().max(500).optional().catch(undefined),
});
export type UserListQuery = z.infer<typeof userListQuery>;

/**
 * The filter of a write to "everyone matching" (bulk status, delete, assign):
 * strict, so a value that does not parse is an error in words and changes
 * nobody, instead of being dropped and widening the write to the organization.
 */
export const userFilterInput = z.strictObject(
  {
    q: searchText.optional(),
    status: z.enum(USER_STATUSES, { error: "Choose Active or Deactivated as the status filter." }).optional(),
    department: text("department", 100).optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `The filter has no “${issue.keys.join("”, “")}”; filter by search, status or department.` : undefined,
  },
);
export type UserFilterInput = z.infer<typeof userFilterInput>;

/** Which people a bulk action applies to: ticked rows, or everyone the list's filter matches (never both). */
export const userSelection = z
  .object({
    ids: z
      .array(z.uuid({ error: "That is not a person's id." }))
      .min(1, { error: "Select at least one person." })
      .max(1000, { error: "Select at most 1,000 people, or everyone matching the list's filter." })
      .optional(),
    filter: userFilterInput.optional(),
  })
  .refine((value) => (value.ids === undefined) !== (value.filter === undefined), { error: "Select some people, or everyone matching the list's filter." })
  .transform((value): { ids: string[] } | { filter: UserFilterInput } => (value.ids ? { ids: value.ids } : { filter: value.filter ?? {} }));
export type UserSelectionInput = z.infer<typeof userSelection>;
