import { Badge } from "@/components/ui/badge";
import { DIRECTORY_FIELDS, type DirectoryField } from "@/lib/provisioning/mapping/directory-fields";
import { describeTransformStep } from "@/lib/provisioning/mapping/transforms";
import type { MappingRuleInput } from "@/lib/provisioning/schemas/provisioning";

/** Where one attribute's value comes from, in words: a field (and its transforms), a hardcoded value, or nothing. */
export function MappingSourceSummary({ rule }: { rule: MappingRuleInput | undefined }) {
  if (rule?.hardcodedValue != null)
    return (
      <span>
        <Badge tone="brand">Hardcoded</Badge> <span className="ml-1 font-mono text-xs break-all">{rule.hardcodedValue}</span>
      </span>
    );
  if (!rule?.sourceField) return <span className="text-zinc-500">Not mapped</span>;
  const field = DIRECTORY_FIELDS[rule.sourceField as DirectoryField] ?? rule.sourceField;
  const steps = rule.transforms ?? [];
  if (steps.length === 0) return <>{field}</>;
  return (
    <span>
      <Badge tone="brand">Transformed</Badge> {field}
      <span className="mt-0.5 block text-xs break-words text-zinc-500">then {steps.map(describeTransformStep).join(", then ")}</span>
    </span>
  );
}
