export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight text-zinc-900 ${className}`}>
      <svg aria-hidden viewBox="0 0 32 32" className="size-7">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path d="M10 9h7.5a5 5 0 0 1 1.2 9.86L23 23h-3.6l-3.9-3.9H13V23h-3V9Zm3 3v4.2h4.4a2.1 2.1 0 0 0 0-4.2H13Z" fill="#fff" />
      </svg>
      Roster
    </span>
  );
}
