/** react-query keys for sync data that changes while the page is open. */
export const syncKeys = {
  all: ["sync"] as const,
  run: (appId: string) => ["sync", "run", appId] as const,
};
