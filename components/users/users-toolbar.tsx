"use client";

import { Search, X } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Input, Select } from "@/components/ui/input";

/** Search and filters live in the URL, so a filtered list can be shared and survives a reload. */
export function UsersToolbar({ departments }: { departments: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(params.get("q") ?? "");

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete("after");
    next.delete("before");
    startTransition(() => router.replace(`${pathname}?${next.toString()}`));
  }

  useEffect(() => {
    if (q === (params.get("q") ?? "")) return;
    const timer = setTimeout(() => update({ q: q.trim() || null }), 300);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-zinc-100 px-4 py-3" aria-busy={pending}>
      <div className="relative min-w-64 flex-1">
        <Search aria-hidden className="pointer-events-none absolute top-2.5 left-3 size-4 text-zinc-400" />
        <Input
          type="search"
          aria-label="Search people by name or e-mail"
          placeholder="Search by name or e-mail"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          className="pl-9"
        />
        {q ? (
          <button type="button" aria-label="Clear search" onClick={() => setQ("")} className="absolute top-2.5 right-3 text-zinc-400 hover:text-zinc-600">
            <X aria-hidden className="size-4" />
          </button>
        ) : null}
      </div>
      <Select aria-label="Status" className="w-40" value={params.get("status") ?? ""} onChange={(event) => update({ status: event.target.value || null })}>
        <option value="">All statuses</option>
        <option value="ACTIVE">Active</option>
        <option value="INACTIVE">Deactivated</option>
      </Select>
      <Select
        aria-label="Department"
        className="w-48"
        value={params.get("department") ?? ""}
        onChange={(event) => update({ department: event.target.value || null })}
      >
        <option value="">All departments</option>
        {departments.map((department) => (
          <option key={department} value={department}>
            {department}
          </option>
        ))}
      </Select>
    </div>
  );
}
