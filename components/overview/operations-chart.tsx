"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesDay } from "@/lib/provisioning/log/operation-series";
import { OUTCOMES } from "./outcome-colors";

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const dayLabel = (day: string) => DAY.format(new Date(`${day}T00:00:00.000Z`));

/**
 * Operations per UTC day, one stacked bar per day. Drawn for the eye only: the card around it carries the same
 * figures as a sentence and a table for screen readers.
 */
export function OperationsChart({ series }: { series: SeriesDay[] }) {
  return (
    <div aria-hidden className="h-56 w-full min-w-0" data-testid="operations-chart">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 224 }}>
        <BarChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="#e4e4e7" />
          <XAxis dataKey="day" tickFormatter={dayLabel} tick={{ fontSize: 12, fill: "#52525b" }} tickLine={false} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#52525b" }} tickLine={false} axisLine={false} width={48} />
          <Tooltip labelFormatter={(day) => `${dayLabel(String(day))} (UTC)`} cursor={{ fill: "#f4f4f5" }} />
          {OUTCOMES.map((outcome) => (
            <Bar key={outcome.key} dataKey={outcome.key} name={outcome.label} stackId="outcome" fill={outcome.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
