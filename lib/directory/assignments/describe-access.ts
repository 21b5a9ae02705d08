/**
 * How a person got an app, in the words of the app's Users tab. Pure: safe anywhere.
 */

export interface AccessSources {
  direct: boolean;
  /** The assigned groups the person is a member of, in name order. */
  groups: readonly string[];
}

/** Group names shown before the rest are counted ("via Engineering, Sales +3"). */
export const GROUP_NAMES_SHOWN = 2;

function via(groups: readonly string[]): string {
  const shown = groups.slice(0, GROUP_NAMES_SHOWN).join(", ");
  const more = groups.length - GROUP_NAMES_SHOWN;
  return more > 0 ? `${shown} +${more}` : shown;
}

/** "Directly", "Via Engineering", "Directly · via Engineering, Sales", "Via Engineering, Sales +2", or "No access". */
export function describeAccess({ direct, groups }: AccessSources): string {
  if (direct && groups.length > 0) return `Directly · via ${via(groups)}`;
  if (direct) return "Directly";
  if (groups.length > 0) return `Via ${via(groups)}`;
  return "No access";
}
