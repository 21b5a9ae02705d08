import type { ReactNode } from "react";
import { Table, Td, Th } from "@/components/ui/table";

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

interface Props<T> {
  rows: T[];
  /** The table's headings after "Time (UTC)". */
  headings: string[];
  /** A row's cells after its time, one per heading. */
  cells: (row: T) => ReactNode;
  /** A row's lines on a phone, under its time. */
  card: (row: T) => ReactNode;
}

/** The audit and sign-in logs' rows, newest first: a table on wide screens and cards on a phone, each led by its time (UTC). */
export function TimedEventList<T extends { id: string; createdAt: Date }>({ rows, headings, cells, card }: Props<T>) {
  return (
    <>
      <div className="hidden md:block">
        <Table>
          <thead>
            <tr>
              <Th>Time (UTC)</Th>
              {headings.map((heading) => (
                <Th key={heading}>{heading}</Th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {rows.map((row) => (
              <tr key={row.id}>
                <Td className="whitespace-nowrap text-zinc-500 tabular-nums">{TIME.format(row.createdAt)}</Td>
                {cells(row)}
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      <ul className="divide-y divide-zinc-100 md:hidden">
        {rows.map((row) => (
          <li key={row.id} className="space-y-1 px-4 py-3 text-sm">
            <div className="text-xs text-zinc-500 tabular-nums">{TIME.format(row.createdAt)} UTC</div>
            {card(row)}
          </li>
        ))}
      </ul>
    </>
  );
}
