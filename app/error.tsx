"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-xl font-semibold text-zinc-900">Something went wrong on our side</h1>
      <p className="max-w-md text-sm text-zinc-500">Try again. If it keeps happening, give your administrator this reference: {error.digest ?? "unknown"}.</p>
      <button onClick={reset} className="mt-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Try again
      </button>
    </main>
  );
}
