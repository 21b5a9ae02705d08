/** The directory fields a mapping can read, with the labels admins see. Pure. */
export const DIRECTORY_FIELDS = {
  email: "Primary e-mail",
  firstName: "First name",
  lastName: "Last name",
  displayName: "Display name",
  fullName: "Full name (first and last)",
  employeeId: "Employee ID",
  title: "Job title",
  department: "Department",
  mobile: "Mobile",
  locale: "Locale",
  timezone: "Time zone",
  organizationName: "Organization name",
} as const;

export type DirectoryField = keyof typeof DIRECTORY_FIELDS;
export const DIRECTORY_FIELD_KEYS = Object.keys(DIRECTORY_FIELDS) as DirectoryField[];

/** A directory person as mapping reads it. */
export interface DirectoryPerson {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string | null;
  employeeId: string | null;
  title: string | null;
  department: string | null;
  mobile: string | null;
  locale: string | null;
  timezone: string | null;
  status: "ACTIVE" | "INACTIVE";
}

export interface MappingContext {
  organizationName: string;
}

export function readDirectoryField(person: DirectoryPerson, field: DirectoryField, context: MappingContext): string | null {
  switch (field) {
    case "fullName":
      return `${person.firstName} ${person.lastName}`.trim();
    case "displayName":
      return person.displayName || `${person.firstName} ${person.lastName}`.trim();
    case "organizationName":
      return context.organizationName;
    default:
      return person[field];
  }
}
