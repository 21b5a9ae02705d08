/** Plain-words names of the log's operation kinds and statuses. Pure: safe in the browser. */
import { OPERATION_KINDS, OPERATION_STATUSES, type OperationKindName, type OperationStatusName } from "./schemas";

export const OPERATION_KIND_LABELS: Record<OperationKindName, string> = {
  CREATE: "Create",
  LINK: "Link",
  UPDATE: "Update",
  ACTIVATE: "Activate",
  DEACTIVATE: "Deactivate",
  DELETE: "Delete",
};

export const OPERATION_STATUS_LABELS: Record<OperationStatusName, string> = {
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  SKIPPED: "Skipped",
};

/** The filter's choices, for the toolbar's selects. */
export const OPERATION_KIND_OPTIONS = OPERATION_KINDS.map((value) => ({ value, label: OPERATION_KIND_LABELS[value] }));
export const OPERATION_STATUS_OPTIONS = OPERATION_STATUSES.map((value) => ({ value, label: OPERATION_STATUS_LABELS[value] }));
