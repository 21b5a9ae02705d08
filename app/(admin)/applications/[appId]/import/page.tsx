import { Download, Inbox } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { FilterLink } from "@/components/ui/filter-link";
import { notFound } from "next/navigation";
import { CandidatesTable } from "@/components/import-app/candidates-table";
import { ImportProgress } from "@/components/import-app/import-progress";
import { IMPORT_RESULTS_FOCUS } from "@/components/import-app/import-results-focus";
import { StartImportButton } from "@/components/import-app/start-import-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/class-names";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { requirePagePermission } from "@/lib/auth/require";
import { getApp } from "@/lib/provisioning/apps/manage-apps";
import { countCandidates, getLatestImportRun, listCandidates, type CandidateFilter } from "@/lib/provisioning/import-runs/list-candidates";
import { cancelImportAction, confirmImportAction, previewImportAction, startImportAction } from "./actions";

export const metadata: Metadata = { title: "Import users" };

const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;
const plural = (count: number, noun: string) => `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;

const FILTERS: { key: CandidateFilter; label: string; countKey: "all" | Exclude<CandidateFilter, "ALL">; hint: string }[] = [
  { key: "ALL", label: "All users", countKey: "all", hint: "Everyone the app has, and everyone assigned here that it lacks." },
  { key: "NEW", label: "New users", countKey: "NEW", hint: "In the app but not in the directory: importing creates them and assigns the app." },
  {
    key: "UPDATE",
    label: "Update user",
    countKey: "UPDATE",
    hint: "In both: the app's values overwrite the directory's for mapped fields.",
  },
  { key: "ACTIVATE", label: "Users to activate", countKey: "ACTIVATE", hint: "In the directory but not assigned to the app: importing assigns them." },
  {
    key: "DEACTIVATE",
    label: "Users to deactivate",
    countKey: "DEACTIVATE",
    hint: "Assigned here, but absent or inactive in the app: importing unassigns them.",
  },
];

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ appId: string }>;
  searchParams: Promise<{ filter?: string; q?: string; page?: string }>;
}) {
  const session = await requirePagePermission("view apps", "import users");
  const { appId } = await params;
  const app = await getApp(session.organization.id, appId);
  if (!app) notFound();
  const query = await searchParams;
  const filter = FILTERS.find((candidate) => candidate.key === query.filter) ?? FILTERS[0]!;
  const run = await getLatestImportRun(session.organization.id, app.id);
  const start = <StartImportButton appId={app.id} label={run ? "Fetch again" : `Fetch users from ${app.name}`} start={startImportAction} />;

  if (!run || run.status === "CANCELLED" || run.status === "FAILED") {
    return (
      <Card>
        <EmptyState icon={Download} title={`Import ${app.name}'s users`}>
          <p>Roster reads every user {app.name} has and shows what importing each would do. Nothing changes until you confirm.</p>
          {run?.status === "FAILED" ? <p className="mt-2 text-red-700">The last fetch failed: {run.error}</p> : null}
          {run?.status === "CANCELLED" ? <p className="mt-2">The last fetch was cancelled.</p> : null}
          <div className="mt-4 flex justify-center">{start}</div>
        </EmptyState>
      </Card>
    );
  }

  const progress = { id: run.id, status: run.status, fetched: run.fetched, total: run.total, applied: run.applied, toApply: run.toApply };
  if (run.status === "FETCHING") {
    return (
      <Card>
        <CardHeader title={`Fetching users from ${app.name}`} description="All pages, 100 users at a time. You can leave this page; the fetch goes on." />
        <ImportProgress appId={app.id} appName={app.name} initial={progress} cancel={cancelImportAction} />
      </Card>
    );
  }

  const [counts, page] = await Promise.all([
    countCandidates(run.id),
    listCandidates(run.id, { filter: filter.key, q: query.q, page: Number(query.page) || 1 }),
  ]);
  const summary = run.summary as {
    created: number;
    updated: number;
    assigned: number;
    unassigned: number;
    joinGroups?: boolean;
    groupsCreated?: number;
    membershipsAdded?: number;
    skippedCount?: number;
    skipped?: { who: string; reason: string }[];
  } | null;
  const link = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(
      Object.entries({ filter: filter.key, q: query.q, ...changes })
        .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "")
        .map(([key, value]) => [key, String(value)]),
    );
    return `?${next.toString()}`;
  };

  return (
    <div className="space-y-4">
      {run.status === "CONFIRMING" ? (
        <Card>
          <CardHeader title="Applying the import" description="A bounded batch per transaction; every change is audited." />
          <ImportProgress appId={app.id} appName={app.name} initial={progress} />
        </Card>
      ) : null}
      {run.status === "CONFIRMED" && summary ? (
        <Alert tone="success">
          <p className="font-medium">Import applied.</p>
          <p>
            Created {summary.created}, updated {summary.updated}, assigned {summary.assigned}, unassigned {summary.unassigned}
            {summary.joinGroups
              ? `; ${plural(summary.groupsCreated ?? 0, "group")} created, ${plural(summary.membershipsAdded ?? 0, "group membership")} added`
              : ""}
            {summary.skippedCount ? `; ${summary.skippedCount} skipped (${summary.skipped?.[0]?.who}: ${summary.skipped?.[0]?.reason})` : ""}.
          </p>
          <Button asChild size="sm" className="mt-2">
            <Link href={`/applications/${app.id}`}>Done</Link>
          </Button>
        </Alert>
      ) : null}
      {counts.conflicts ? (
        <Alert tone="error">
          {counts.conflicts} users match more than one person in the directory. They are listed with the reason and are never imported automatically.
        </Alert>
      ) : null}
      <Card>
        <CardHeader
          focusOnMount={IMPORT_RESULTS_FOCUS}
          title={`Users in ${app.name}`}
          description={`Fetched ${run.fetched.toLocaleString("en-US")} users${run.finishedAt ? ` on ${run.finishedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}. ${filter.hint}`}
          action={start}
        />
        <nav aria-label="Import filters" className="flex flex-wrap gap-1 border-b border-zinc-100 px-4 py-2">
          {FILTERS.map((candidate) => (
            <FilterLink
              key={candidate.key}
              href={`?filter=${candidate.key}`}
              aria-current={candidate.key === filter.key ? "page" : undefined}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium",
                candidate.key === filter.key ? "bg-brand-50 text-brand-700" : "text-zinc-600 hover:bg-zinc-100",
              )}
            >
              {candidate.label}{" "}
              <span className="ml-1 rounded-full bg-white/70 px-1.5 text-xs tabular-nums">{(counts[candidate.countKey] ?? 0).toLocaleString("en-US")}</span>
            </FilterLink>
          ))}
        </nav>
        <p id="import-tab-counts" className="border-b border-zinc-100 px-4 py-2 text-xs text-zinc-500">
          The numbers count people still to import{counts.applied ? ` (${people(counts.applied)} already applied)` : ""}.
          {counts.extra > 0
            ? ` A person can need more than one action (for example, updated and activated): ${people(counts.overlapping)} here ${counts.overlapping === 1 ? "does" : "do"}, so the tabs add up to ${counts.extra.toLocaleString("en-US")} more than All.`
            : ""}
        </p>
        <form className="flex gap-2 border-b border-zinc-100 px-4 py-3" action="">
          <input type="hidden" name="filter" value={filter.key} />
          <Input
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            aria-label="Search the app's users"
            placeholder="Search by username, e-mail, name or group"
            className="max-w-sm"
          />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        {page.rows.length === 0 ? (
          <EmptyState icon={Inbox} title="No users in this filter">
            {query.q ? "Try another search." : "Nothing to do here; look at the other filters."}
          </EmptyState>
        ) : (
          <>
            <CandidatesTable
              key={`${filter.key}-${query.q ?? ""}-${page.page}-${run.status}`}
              appId={app.id}
              appName={app.name}
              runId={run.id}
              filter={filter.key}
              filterLabel={filter.label}
              rows={page.rows.map((row) => ({
                ...row,
                diff: (row.diff ?? {}) as Record<string, { directory: string | null; app: string | null }>,
                applied: row.appliedAt !== null,
              }))}
              totalInFilter={page.selectable}
              canConfirm={run.status !== "CONFIRMING"}
              confirm={confirmImportAction}
              preview={previewImportAction}
            />
            <nav aria-label="Pages" className="flex items-center justify-between border-t border-zinc-100 px-4 py-3 text-sm text-zinc-500">
              <span>
                Page {page.page} of {page.pages} · {page.total.toLocaleString("en-US")} users
              </span>
              <div className="flex gap-2">
                {page.page > 1 ? (
                  <Button variant="secondary" size="sm" asChild>
                    <Link href={link({ page: page.page - 1 })}>Previous</Link>
                  </Button>
                ) : null}
                {page.page < page.pages ? (
                  <Button variant="secondary" size="sm" asChild>
                    <Link href={link({ page: page.page + 1 })}>Next</Link>
                  </Button>
                ) : null}
              </div>
            </nav>
          </>
        )}
      </Card>
    </div>
  );
}
