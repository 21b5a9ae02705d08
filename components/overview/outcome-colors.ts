/** The chart's colours by outcome: each has at least 3:1 contrast with the white card. */
export const OUTCOMES = [
  { key: "succeeded", label: "Succeeded", color: "#047857" },
  { key: "failed", label: "Failed", color: "#dc2626" },
  { key: "skipped", label: "Skipped", color: "#71717a" },
] as const;
