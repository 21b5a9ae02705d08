/** The log's loading state: the toolbar and a few rows in outline. */
export function LogSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading the provisioning log" className="animate-pulse">
      <div className="flex gap-3 border-b border-zinc-100 px-4 py-3">
        <div className="h-9 flex-1 rounded-md bg-zinc-100" />
        <div className="h-9 w-40 rounded-md bg-zinc-100" />
        <div className="h-9 w-36 rounded-md bg-zinc-100" />
        <div className="h-9 w-32 rounded-md bg-zinc-100" />
      </div>
      <div className="h-9 bg-zinc-50" />
      <ul className="divide-y divide-zinc-100">
        {Array.from({ length: rows }, (_, index) => (
          <li key={index} className="flex items-center gap-6 px-4 py-4">
            <div className="h-3 w-36 rounded bg-zinc-100" />
            <div className="h-3 w-44 rounded bg-zinc-200" />
            <div className="h-3 w-16 rounded bg-zinc-100" />
            <div className="h-5 w-20 rounded-full bg-zinc-100" />
            <div className="h-3 flex-1 rounded bg-zinc-100" />
          </li>
        ))}
      </ul>
    </div>
  );
}
