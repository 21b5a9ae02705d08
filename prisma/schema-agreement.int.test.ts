/**
 * The Prisma schema and the hand-written SQL migrations must describe the same
 * database: this migrates an empty database (the file's own) and compares what
 * PostgreSQL reports with the datamodel Prisma reads from schema.prisma.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get_dmmf } from "@prisma/prisma-schema-wasm";

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType: [string, string[]] | null;
  default?: { name: string } | unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
}

const schemaFile = fileURLToPath(new URL("./schema.prisma", import.meta.url));
const datamodel = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: readFileSync(schemaFile, "utf8") }))).datamodel as {
  models: DmmfModel[];
  enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
  indexes: DmmfIndex[];
};

/** Indexes that only SQL can express (expression or trigram indexes); add each here with its reason. */
const SQL_ONLY_INDEXES = new Set<string>([
  // Trigram index for case-insensitive "contains" search on the generated search_text column.
  "users_search_text_trgm_idx",
  // The same for group names.
  "groups_name_key_trgm_idx",
  // The audit log's search on target and actor labels.
  "audit_events_target_label_trgm_idx",
  "audit_events_actor_label_trgm_idx",
  // Single sign-on: at most one ACTIVE and one NEXT signing key per organization (partial unique indexes).
  "sso_signing_keys_one_active_idx",
  "sso_signing_keys_one_next_idx",
]);

const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (field: DmmfField) => field.dbName ?? field.name;
const modelByName = new Map(datamodel.models.map((model) => [model.name, model]));

function columnsOf(modelName: string, fieldNames: string[]): string[] {
  const model = modelByName.get(modelName)!;
  return fieldNames.map((name) => columnOf(model.fields.find((field) => field.name === name)!));
}

function expectedType(field: DmmfField): string {
  if (field.kind === "enum") return field.type;
  const native = field.nativeType?.[0];
  switch (field.type) {
    case "String":
      return native === "Uuid" ? "uuid" : native === "VarChar" ? "varchar" : "text";
    case "Int":
      return "int4";
    case "BigInt":
      return "int8";
    case "Boolean":
      return "bool";
    case "Float":
      return "float8";
    case "Decimal":
      return "numeric";
    case "Json":
      return "jsonb";
    case "Bytes":
      return "bytea";
    case "DateTime":
      return native === "Timestamptz" ? "timestamptz" : native === "Date" ? "date" : "timestamp";
    default:
      throw new Error(`No mapping for ${field.type}`);
  }
}

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

describe("schema.prisma and prisma/migrations", () => {
  it("have the same tables", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((row) => row.table_name).sort()).toEqual(datamodel.models.map(tableOf).sort());
  });

  it.each(datamodel.models.map((model) => [model.name, model] as const))("have the same columns for %s", async (_name, model) => {
    const { rows } = await client.query<{ column_name: string; udt_name: string; is_nullable: string; datetime_precision: number | null }>(
      `SELECT column_name, udt_name, is_nullable, datetime_precision FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
      [tableOf(model)],
    );
    const actual = Object.fromEntries(rows.map((row) => [row.column_name, row]));
    const scalars = model.fields.filter((field) => field.kind !== "object");
    expect(Object.keys(actual).sort()).toEqual(scalars.map(columnOf).sort());
    for (const field of scalars) {
      const column = actual[columnOf(field)]!;
      const type = expectedType(field);
      expect(column.udt_name, `${model.name}.${field.name} type`).toBe(field.isList ? `_${type}` : type);
      // Lists are NOT NULL in our SQL (stricter than Prisma's own, which leaves them nullable).
      expect(column.is_nullable, `${model.name}.${field.name} nullability`).toBe(field.isRequired || field.isList ? "NO" : "YES");
      if (field.nativeType?.[0] === "Timestamptz") {
        expect(column.datetime_precision, `${model.name}.${field.name} precision`).toBe(Number(field.nativeType[1][0] ?? 6));
      }
    }
  });

  it("have the same enums with the same values in the same order", async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`,
    );
    expect(Object.fromEntries(rows.map((row) => [row.typname, row.labels]))).toEqual(
      Object.fromEntries(datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((value) => value.dbName ?? value.name)])),
    );
  });

  it("have the same primary keys, unique and plain indexes", async () => {
    const { rows } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    const actual = new Map(rows.filter((row) => !SQL_ONLY_INDEXES.has(row.indexname)).map((row) => [row.indexname, row.indexdef]));
    const expected = new Map<string, string>();
    for (const index of datamodel.indexes) {
      const model = modelByName.get(index.model)!;
      const table = tableOf(model);
      const columns = columnsOf(
        index.model,
        index.fields.map((field) => field.name),
      );
      const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
      const name = index.dbName ?? (index.type === "id" ? `${table}_pkey` : `${table}_${columns.join("_")}_${suffix}`);
      const list = index.fields.map((field, i) => `${columns[i]}${field.sortOrder === "desc" ? " DESC" : ""}`).join(", ");
      expected.set(name, `CREATE ${index.type === "normal" ? "" : "UNIQUE "}INDEX ${name} ON public.${table} USING btree (${list})`);
    }
    const normalise = (def: string) => def.replace(/"/g, "");
    expect(Object.fromEntries([...actual].map(([name, def]) => [name, normalise(def)]))).toEqual(Object.fromEntries(expected));
  });

  it("have the same foreign keys with the same delete rules", async () => {
    const { rows } = await client.query<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
    );
    const actual = Object.fromEntries(rows.map((row) => [row.name, row.definition.replace(/"/g, "")]));
    const expected: Record<string, string> = {};
    const rules: Record<string, string> = { Cascade: " ON DELETE CASCADE", SetNull: " ON DELETE SET NULL", Restrict: " ON DELETE RESTRICT", NoAction: "" };
    for (const model of datamodel.models) {
      for (const field of model.fields) {
        if (field.kind !== "object" || !field.relationFromFields?.length) continue;
        const from = columnsOf(model.name, field.relationFromFields);
        const target = modelByName.get(field.type)!;
        const to = columnsOf(field.type, field.relationToFields!);
        const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
        expected[`${tableOf(model)}_${from.join("_")}_fkey`] =
          `FOREIGN KEY (${from.join(", ")}) REFERENCES ${tableOf(target)}(${to.join(", ")}) ON UPDATE CASCADE${rules[onDelete]}`;
      }
    }
    expect(actual).toEqual(expected);
  });

  it("keeps every migration in Prisma's folder layout", () => {
    const dir = path.join(path.dirname(schemaFile), "migrations");
    expect(readFileSync(path.join(dir, "migration_lock.toml"), "utf8")).toMatch(/provider = "postgresql"/);
    const entries = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(existsSync(path.join(dir, entry.name, "migration.sql"))).toBe(true);
    }
  });
});
