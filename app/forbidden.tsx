import { NoAccess } from "@/components/app/no-access";

/** A refusal outside the admin shell; pages inside it use app/(admin)/forbidden.tsx. */
export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center px-4">
      <NoAccess />
    </main>
  );
}
