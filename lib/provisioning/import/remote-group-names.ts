/**
 * The names of the groups a SCIM user says it is a member of (its read-only `groups`, as Atlassian lists them):
 * each `display` trimmed, blanks dropped, and a name repeated in another letter case kept once, as first spelt,
 * since directory group names are unique whatever their case. A reference without a `display` is left out: the
 * name is what import matches groups by. Pure.
 */
export function remoteGroupNames(groups: readonly { display?: string }[] | undefined): string[] {
  const names = new Map<string, string>();
  for (const group of groups ?? []) {
    const name = group.display?.trim();
    if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()];
}
