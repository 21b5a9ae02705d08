import { BarChart3 } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { SeriesDay } from "@/lib/provisioning/log/operation-series";
import { seriesSentence, seriesTotals } from "./chart-summary";
import { OperationsChart } from "./operations-chart";
import { OUTCOMES } from "./outcome-colors";

const NUMBER = new Intl.NumberFormat("en-US");

/** Provisioning operations over the last days by outcome: the chart, its legend in words and its text alternative. */
export function OperationsChartCard({ series }: { series: SeriesDay[] }) {
  const totals = seriesTotals(series);
  const sentence = seriesSentence(totals, series.length);
  return (
    <Card className="min-w-0">
      <CardHeader
        title="Provisioning activity"
        description={`Requests sent to your apps per day over the last ${series.length} days, by outcome. Days are UTC days.`}
      />
      {totals.total === 0 ? (
        <EmptyState icon={BarChart3} title="No operations in the last 30 days">
          Once an app is set up and people are assigned to it, every account Roster creates, updates or deactivates is counted here by day.
        </EmptyState>
      ) : (
        <figure className="px-4 py-4 sm:px-6">
          <OperationsChart series={series} />
          <ul className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm text-zinc-700" aria-label="Legend">
            {OUTCOMES.map((outcome) => (
              <li key={outcome.key} className="flex items-center gap-2">
                <span aria-hidden className="size-3 rounded-sm" style={{ backgroundColor: outcome.color }} />
                {outcome.label} <span className="font-medium tabular-nums text-zinc-900">{NUMBER.format(totals[outcome.key])}</span>
              </li>
            ))}
          </ul>
          <figcaption className="mt-2 text-sm text-zinc-500" data-testid="operations-summary">
            {sentence}
          </figcaption>
          <table className="sr-only">
            <caption>Operations per UTC day</caption>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                {OUTCOMES.map((outcome) => (
                  <th key={outcome.key} scope="col">
                    {outcome.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {series.map((day) => (
                <tr key={day.day}>
                  <th scope="row">{day.day}</th>
                  {OUTCOMES.map((outcome) => (
                    <td key={outcome.key}>{day[outcome.key]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      )}
    </Card>
  );
}
