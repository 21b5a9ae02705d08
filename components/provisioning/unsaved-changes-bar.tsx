import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/class-names";

interface Props {
  count: number;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
  className?: string;
}

/** Sticks to the bottom of the screen while there are edits not saved yet. */
export function UnsavedChangesBar({ count, saving, onSave, onDiscard, className }: Props) {
  if (count === 0) return null;
  return (
    <div
      role="region"
      aria-label="Unsaved changes"
      className={cn(
        "sticky bottom-4 z-30 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-zinc-900 px-4 py-3 text-sm text-white shadow-lg ring-2 ring-white",
        className,
      )}
    >
      <p aria-live="polite">
        {count} unsaved {count === 1 ? "change" : "changes"} to the mapping
      </p>
      <div className="flex gap-2">
        <Button variant="ghost" size="sm" className="text-white hover:bg-zinc-700" onClick={onDiscard} disabled={saving}>
          Discard
        </Button>
        <Button size="sm" onClick={onSave} disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
      </div>
    </div>
  );
}
