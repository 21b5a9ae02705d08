/**
 * The focus request (components/ui/focus-requests.ts) that ImportProgress makes when a fetch finishes and the fetched
 * users' heading answers. Here rather than in the client module, so the server page can read the value.
 */
export const IMPORT_RESULTS_FOCUS = "import-results";
