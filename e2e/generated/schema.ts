/**
 * What a migration leaves in the database, as comparable lines: every column
 * (type, nullability, default), constraint and index of the public schema's
 * tables. Two snapshots that differ show exactly which definitions changed.
 */
import type { Cluster } from "./postgres";

export type Snapshot = Map<string, string[]>;

export async function snapshotSchema(cluster: Cluster, database: string): Promise<Snapshot> {
  const columns = await cluster.query<{ table_name: string; line: string }>(
    database,
    `select table_name, format('column %s %s %s default %s', column_name, data_type,
            case when is_nullable = 'YES' then 'null' else 'not null' end, coalesce(column_default, '-')) as line
       from information_schema.columns where table_schema = 'public' order by table_name, column_name`,
  );
  const constraints = await cluster.query<{ table_name: string; line: string }>(
    database,
    `select c.relname as table_name, format('constraint %s %s', k.conname, pg_get_constraintdef(k.oid)) as line
       from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' order by 1, 2`,
  );
  const indexes = await cluster.query<{ table_name: string; line: string }>(
    database,
    `select tablename as table_name, format('index %s', indexdef) as line from pg_indexes where schemaname = 'public' order by 1, 2`,
  );
  const snapshot: Snapshot = new Map();
  for (const { table_name, line } of [...columns, ...constraints, ...indexes]) {
    snapshot.set(table_name, [...(snapshot.get(table_name) ?? []), line].sort());
  }
  return snapshot;
}

/** Tables of `snapshot` limited to `tables` (the auth tables). */
export function only(snapshot: Snapshot, tables: Iterable<string>): Snapshot {
  const wanted = new Set(tables);
  return new Map([...snapshot].filter(([table]) => wanted.has(table)));
}

/** Human-readable differences between two snapshots; empty when they are identical. */
export function diffSnapshots(before: Snapshot, after: Snapshot, beforeName: string, afterName: string): string[] {
  const differences: string[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const a = new Set(before.get(table) ?? []);
    const b = new Set(after.get(table) ?? []);
    if (!before.has(table) || !after.has(table)) {
      differences.push(`table "${table}" only in ${before.has(table) ? beforeName : afterName}`);
      continue;
    }
    for (const line of a) if (!b.has(line)) differences.push(`"${table}": ${beforeName} has ${line}`);
    for (const line of b) if (!a.has(line)) differences.push(`"${table}": ${afterName} has ${line}`);
  }
  return differences;
}
