import { TriangleAlert } from "lucide-react";
import { normaliseEndpoint } from "@/lib/provisioning/schemas/app-lifecycle";

/**
 * Warns (it does not refuse) when the Sync endpoint typed is one another app of the organization already uses: two
 * apps sending to one directory fight over the same accounts. Compared without case in the host or a trailing slash.
 */
export function EndpointTwinWarning({ value, others }: { value: string; others: readonly { name: string; endpoint: string }[] }) {
  const endpoint = normaliseEndpoint(value ?? "");
  const twins = endpoint ? others.filter((other) => other.endpoint === endpoint).map((other) => other.name) : [];
  if (twins.length === 0) return null;
  return (
    <p role="status" className="flex gap-2 rounded-lg bg-amber-50 px-3.5 py-3 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>
        {twins.length === 1 ? `${twins[0]} already uses this Sync endpoint.` : `${twins.join(" and ")} already use this Sync endpoint.`} Two apps sending to the
        same directory change the same accounts. Check that this is the endpoint you meant; you can still save it.
      </span>
    </p>
  );
}
