import { Pencil } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import type { MappingRuleInput } from "@/lib/provisioning/schemas/provisioning";
import { MappingSourceSummary } from "./mapping-source-summary";

interface Props {
  appName: string;
  targets: { path: string; label: string; required: boolean }[];
  rules: MappingRuleInput[];
  changed: ReadonlySet<string>;
  problems: Record<string, string[]>;
  editable: boolean;
  onEdit: (target: string) => void;
}

/** Each attribute of the app, where its value comes from, and an Edit button; unsaved rows are marked. */
export function MappingTable({ appName, targets, rules, changed, problems, editable, onEdit }: Props) {
  const byTarget = new Map(rules.map((rule) => [rule.target, rule]));
  return (
    <Table>
      <thead>
        <tr>
          <Th>{appName} attribute</Th>
          <Th>Value from</Th>
          <Th className="w-20">
            <span className="sr-only">Edit</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {targets.map((target) => {
          const problem = problems[target.path]?.[0];
          return (
            <tr key={target.path} className={changed.has(target.path) ? "bg-amber-50/60" : undefined}>
              <Td>
                <div className="font-medium text-zinc-900">
                  {target.label} {target.required ? <Badge tone="warning">Required</Badge> : null}{" "}
                  {changed.has(target.path) ? <Badge tone="warning">Unsaved</Badge> : null}
                </div>
                <code className="text-xs break-all text-zinc-500">{target.path}</code>
              </Td>
              <Td>
                <MappingSourceSummary rule={byTarget.get(target.path)} />
                {problem ? (
                  <p role="alert" className="mt-1 text-xs text-red-600">
                    {problem}
                  </p>
                ) : null}
              </Td>
              <Td>
                {editable ? (
                  <Button variant="ghost" size="sm" aria-label={`Edit ${target.label}`} onClick={() => onEdit(target.path)}>
                    <Pencil aria-hidden className="size-3.5" /> Edit
                  </Button>
                ) : null}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
