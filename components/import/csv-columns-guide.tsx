import { Download } from "lucide-react";
import { Badge } from "@/components/ui/badge";

interface CsvColumnsGuideProps {
  columns: { header: string; required: boolean; alsoAccepted: string[] }[];
}

/** Which headers the importer reads, and a template file with all of them. */
export function CsvColumnsGuide({ columns }: CsvColumnsGuideProps) {
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`${columns.map((column) => column.header).join(",")}\r\n`)}`;
  return (
    <div className="px-6 py-5 text-sm">
      <ul className="space-y-2.5">
        {columns.map((column) => (
          <li key={column.header}>
            <div className="flex items-center gap-2">
              <span className="font-medium text-zinc-900">{column.header}</span>
              {column.required ? <Badge tone="brand">Required</Badge> : null}
            </div>
            {column.alsoAccepted.length > 0 ? <p className="text-xs text-zinc-500">Also: {column.alsoAccepted.join(", ")}</p> : null}
          </li>
        ))}
      </ul>
      <p className="mt-4 text-xs text-zinc-500">
        Headers ignore case and spaces. Other columns are ignored. Status is Active or Deactivated; empty means Active.
      </p>
      <a
        href={template}
        download="roster-people-template.csv"
        className="mt-4 inline-flex items-center gap-1.5 text-sm font-medium text-brand-600 hover:text-brand-700"
      >
        <Download aria-hidden className="size-4" /> Download a template
      </a>
    </div>
  );
}
