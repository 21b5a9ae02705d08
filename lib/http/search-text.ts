/**
 * Free text that reaches a search in SQL, validated one way everywhere.
 * PostgreSQL refuses NUL in text, and no name or e-mail holds a control
 * character, so neither ever reaches a query. Pure zod: safe in the browser.
 */
import { z } from "zod";

export const SEARCH_MAX_LENGTH = 200;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** For writes ("everyone matching"): text that is too long or holds control characters is refused in words. */
export const searchText = z
  .string()
  .trim()
  .max(SEARCH_MAX_LENGTH, { error: `Keep the search under ${SEARCH_MAX_LENGTH} characters.` })
  .refine((value) => !new RegExp(CONTROL_CHARACTERS.source).test(value), { error: "The search cannot contain line breaks or control characters." });

/** Search text with control characters turned into spaces; fails when over the limit. */
export const cleanedSearchText = z
  .string()
  .transform((value) => value.replace(CONTROL_CHARACTERS, " ").trim())
  .pipe(z.string().max(SEARCH_MAX_LENGTH));

/**
 * For a page's URL, read for display only: control characters are removed and
 * text over the limit is dropped, so a hand-edited link shows a list, not an error.
 */
export const searchTextFromUrl = cleanedSearchText.optional().catch(undefined);
