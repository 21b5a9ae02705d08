import type { MappingRuleInput } from "@/lib/provisioning/schemas/provisioning";

const sourceOf = (rule: MappingRuleInput | undefined) => (rule ? JSON.stringify([rule.sourceField, rule.hardcodedValue, rule.transforms ?? []]) : "not mapped");

/** The attributes whose source differs between the saved mapping and the edited one: the unsaved changes. */
export function changedTargets(saved: readonly MappingRuleInput[], edited: readonly MappingRuleInput[]): string[] {
  const before = new Map(saved.map((rule) => [rule.target, rule]));
  const after = new Map(edited.map((rule) => [rule.target, rule]));
  return [...new Set([...before.keys(), ...after.keys()])].filter((target) => sourceOf(before.get(target)) !== sourceOf(after.get(target)));
}
