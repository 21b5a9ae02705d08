/** Ten recovery codes, shown once, with what they are for. */
export function RecoveryCodesList({ codes }: { codes: readonly string[] }) {
  return (
    <>
      <h2 className="text-base font-semibold text-zinc-900">Your recovery codes</h2>
      <p className="text-sm text-zinc-600">
        Each works once, in place of a code, if you lose your phone. Save them somewhere safe now: they are not shown again.
      </p>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-lg bg-zinc-50 p-4 font-mono text-sm text-zinc-900 ring-1 ring-zinc-200">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </>
  );
}
