import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold text-zinc-900">This page does not exist</h1>
      <p className="text-sm text-zinc-500">The link may be old, or the item was deleted.</p>
      <Link href="/" className="mt-2 text-sm font-medium text-brand-600 hover:text-brand-700">
        Back to the overview
      </Link>
    </main>
  );
}
