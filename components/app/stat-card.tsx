import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";

interface StatCardProps {
  label: string;
  value: number;
  icon: LucideIcon;
  detail?: string;
  href?: string;
}

export function StatCard({ label, value, icon: Icon, detail, href }: StatCardProps) {
  const body = (
    <Card className="p-5 transition-shadow hover:shadow-md">
      <div className="flex items-center justify-between">
        <p className="text-sm font-medium text-zinc-500">{label}</p>
        <Icon aria-hidden className="size-4 text-zinc-400" />
      </div>
      <p className="mt-2 text-3xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid={`stat-${label.toLowerCase()}`}>
        {value.toLocaleString("en-US")}
      </p>
      {detail ? <p className="mt-1 text-xs text-zinc-500">{detail}</p> : null}
    </Card>
  );
  return href ? <Link href={href}>{body}</Link> : body;
}
