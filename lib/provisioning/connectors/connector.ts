import type { DirectoryField } from "../mapping/directory-fields";
import type { MappingRule } from "../mapping/build-scim-user";
import type { TargetPath } from "../mapping/target-attributes";

/** What Roster knows about one kind of app: its attributes, default mapping and quirks. */
export interface Connector {
  key: "atlassian" | "scim";
  name: string;
  description: string;
  /** Where the admin finds the Sync endpoint and token, in the app's own admin pages. */
  setupHint: string;
  baseUrlExample: string;
  /** The attributes this app accepts, in the order the mapping step lists them. */
  targets: readonly TargetPath[];
  /** Attributes that must stay mapped: the app refuses users without them. */
  requiredTargets: readonly TargetPath[];
  defaultMapping: readonly MappingRule[];
  /** How long the app's tokens live, when it says; drives the expiry warning. */
  tokenLifetimeDays: number | null;
  quirks: {
    /** The largest page the server returns, whatever `count` asks for. */
    maxPageSize: number | null;
    /** The only attributes `filter=… eq` works on; null means any. */
    filterableAttributes: readonly string[] | null;
    /** DELETE removes the SCIM record (not just deactivates). */
    deleteRemovesRecord: boolean;
    /** A group's displayName can be changed; when not, a renamed group is created anew and the old one deleted. */
    canRenameGroups: boolean;
  };
}

export function field(target: TargetPath, source: DirectoryField): MappingRule {
  return { target, source: { field: source } };
}
