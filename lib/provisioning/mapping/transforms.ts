/**
 * Transforms: small, safe steps applied in order to a mapped directory field's value before it is
 * sent (join with other fields, change case, a default when empty, the part before @, the first N
 * characters, replace text). Each step is plain data, validated by zod; nothing the admin types is
 * ever evaluated as code or as a regular expression. Pure, and safe in the browser.
 */
import { z } from "zod";
import { DIRECTORY_FIELDS, DIRECTORY_FIELD_KEYS, readDirectoryField, type DirectoryField, type DirectoryPerson, type MappingContext } from "./directory-fields";

export const MAX_TRANSFORM_STEPS = 8;
export const MAX_JOINED_FIELDS = 5;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

const directoryField = z.enum(DIRECTORY_FIELD_KEYS as [DirectoryField, ...DirectoryField[]], {
  error: "Choose one of the directory fields in the list.",
});

const joinStep = z.object({
  kind: z.literal("join"),
  fields: z
    .array(directoryField)
    .min(1, { error: "Choose at least one field to join." })
    .max(MAX_JOINED_FIELDS, { error: `Join at most ${MAX_JOINED_FIELDS} fields.` }),
  separator: z
    .string()
    .max(10, { error: "Keep the separator to 10 characters or fewer." })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { error: "The separator cannot contain line breaks or control characters." }),
});

const defaultStep = z.object({
  kind: z.literal("default"),
  value: z
    .string()
    .trim()
    .min(1, { error: "Enter the value to use when the field is empty." })
    .max(500, { error: "Keep the default value under 500 characters." })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { error: "The default value cannot contain line breaks or control characters." }),
});

const firstCharactersStep = z.object({
  kind: z.literal("firstCharacters"),
  count: z
    .number({ error: "Enter how many characters to keep, as a number." })
    .int({ error: "Enter a whole number of characters." })
    .min(1, { error: "Keep at least 1 character." })
    .max(500, { error: "Keep at most 500 characters." }),
});

const replaceStep = z.object({
  kind: z.literal("replace"),
  find: z
    .string()
    .min(1, { error: "Enter the text to find." })
    .max(100, { error: "Keep the text to find under 100 characters." })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { error: "The text to find cannot contain line breaks or control characters." }),
  with: z
    .string()
    .max(100, { error: "Keep the replacement under 100 characters." })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { error: "The replacement cannot contain line breaks or control characters." }),
});

export const transformStep = z.discriminatedUnion(
  "kind",
  [
    joinStep,
    z.object({ kind: z.literal("lowercase") }),
    z.object({ kind: z.literal("uppercase") }),
    defaultStep,
    z.object({ kind: z.literal("emailLocalPart") }),
    firstCharactersStep,
    replaceStep,
  ],
  { error: "Choose one of the listed transforms." },
);
export type TransformStep = z.infer<typeof transformStep>;
export type TransformKind = TransformStep["kind"];

export const transformSteps = z
  .array(transformStep, { error: "Send the transforms as a list of steps." })
  .max(MAX_TRANSFORM_STEPS, { error: `Use at most ${MAX_TRANSFORM_STEPS} transform steps.` });

/** The transforms as admins see them, in the order the dialog offers them. */
export const TRANSFORM_LABELS: Record<TransformKind, string> = {
  join: "Join with other fields",
  lowercase: "Lower case",
  uppercase: "Upper case",
  default: "Default when empty",
  emailLocalPart: "Part before @",
  firstCharacters: "First N characters",
  replace: "Replace text",
};

/** A new step of this kind with sensible starting values, for the dialog. */
export function newTransformStep(kind: TransformKind): TransformStep {
  switch (kind) {
    case "join":
      return { kind, fields: ["lastName"], separator: " " };
    case "default":
      return { kind, value: "" };
    case "firstCharacters":
      return { kind, count: 20 };
    case "replace":
      return { kind, find: "", with: "" };
    default:
      return { kind };
  }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Applies one step to `value` (the empty string when the field is empty). */
function applyStep(value: string, step: TransformStep, person: DirectoryPerson, context: MappingContext): string {
  switch (step.kind) {
    case "join":
      return [value, ...step.fields.map((field) => readDirectoryField(person, field, context) ?? "")]
        .map((part) => part.trim())
        .filter(Boolean)
        .join(step.separator);
    case "lowercase":
      return value.toLowerCase();
    case "uppercase":
      return value.toUpperCase();
    case "default":
      return value.trim() ? value : step.value;
    case "emailLocalPart": {
      const at = value.indexOf("@");
      return at === -1 ? value : value.slice(0, at);
    }
    case "firstCharacters": {
      // Whole characters as people see them: an emoji or an accented letter is never cut in half.
      let kept = "";
      let count = 0;
      for (const { segment } of graphemes.segment(value)) {
        if (count++ >= step.count) break;
        kept += segment;
      }
      return kept;
    }
    case "replace":
      // Literal text: split and join, so no character of `find` or `with` has a special meaning.
      return value.split(step.find).join(step.with);
  }
}

/** The value after every step, in order. */
export function applyTransforms(value: string | null, steps: readonly TransformStep[], person: DirectoryPerson, context: MappingContext): string {
  return steps.reduce((current, step) => applyStep(current, step, person, context), value ?? "");
}

/** One step in plain words, for the mapping table and the audit log. */
export function describeTransformStep(step: TransformStep): string {
  switch (step.kind) {
    case "join":
      return `join with ${step.fields.map((field) => DIRECTORY_FIELDS[field]).join(", ")} separated by “${step.separator}”`;
    case "default":
      return `“${step.value}” when empty`;
    case "firstCharacters":
      return `first ${step.count} characters`;
    case "replace":
      return `replace “${step.find}” with “${step.with}”`;
    case "lowercase":
      return "lower case";
    case "uppercase":
      return "upper case";
    case "emailLocalPart":
      return "part before @";
  }
}
