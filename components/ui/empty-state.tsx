import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

export function EmptyState({ icon: Icon, title, children }: { icon: LucideIcon; title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center">
      <div className="mb-4 rounded-full bg-brand-50 p-3 text-brand-600">
        <Icon aria-hidden className="size-6" />
      </div>
      <h3 className="text-base font-semibold text-zinc-900">{title}</h3>
      {children ? <div className="mt-1 max-w-md text-sm text-zinc-500">{children}</div> : null}
    </div>
  );
}
