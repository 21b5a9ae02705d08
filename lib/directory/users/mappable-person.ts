import type { Prisma } from "../../generated/prisma/client";

/** The fields of a person that field mappings read: select these to build what an app should hold. */
export const MAPPABLE_PERSON_SELECT = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  displayName: true,
  employeeId: true,
  title: true,
  department: true,
  mobile: true,
  locale: true,
  timezone: true,
  status: true,
} satisfies Prisma.UserSelect;
