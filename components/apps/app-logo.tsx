/** A simple mark per catalog entry; drawn here so nothing is fetched at run time. */
export function AppLogo({ catalogKey, className = "size-10" }: { catalogKey: string; className?: string }) {
  if (catalogKey === "atlassian") {
    return (
      <svg aria-hidden viewBox="0 0 40 40" className={className}>
        <rect width="40" height="40" rx="10" fill="#0052CC" />
        <path d="M14.6 19.4c-.3-.4-.9-.3-1.1.1l-4.4 8.8c-.2.4.1.9.6.9h6.1c.2 0 .5-.1.6-.4 1.3-2.7.5-6.8-1.8-9.4Z" fill="#7AB2FF" />
        <path d="M18.1 10.6c-2.4 3.8-2.6 8.4-.6 12.4l2.9 5.9c.1.2.4.4.6.4h6.1c.5 0 .8-.5.6-.9L19.3 10.6c-.2-.5-.9-.5-1.2 0Z" fill="#fff" />
      </svg>
    );
  }
  return (
    <svg aria-hidden viewBox="0 0 40 40" className={className}>
      <rect width="40" height="40" rx="10" className="fill-zinc-800" />
      <path d="M13 14h14M13 20h14M13 26h8" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
