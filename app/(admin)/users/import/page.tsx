import type { Metadata } from "next";
import Link from "next/link";
import { CsvColumnsGuide } from "@/components/import/csv-columns-guide";
import { CsvUploadForm } from "@/components/import/csv-upload-form";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require";
import { describeCsvColumns } from "@/lib/directory/csv/map-csv-columns";

export const metadata: Metadata = { title: "Import people" };

export default async function ImportPeoplePage() {
  const session = await requirePagePermission("manage users");
  return (
    <>
      <Link href="/users" className="text-sm text-zinc-500 hover:text-zinc-800">
        ← Users
      </Link>
      <div className="mt-1">
        <PageHeader
          title="Import people from a CSV file"
          description="Upload a spreadsheet saved as CSV. Roster checks every row first and shows you what it will do; nothing changes until you confirm."
        />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Upload a file" description="One person per row, with a header row first." />
          <CsvUploadForm uploadUrl="/users/import/upload" />
        </Card>
        <Card>
          <CardHeader title="Columns Roster reads" />
          <CsvColumnsGuide columns={describeCsvColumns()} />
        </Card>
      </div>
    </>
  );
}
