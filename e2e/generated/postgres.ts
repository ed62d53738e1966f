/**
 * A throwaway PostgreSQL cluster for one run: initdb in a temp dir, started on
 * a free port (as the `postgres` user when the harness runs as root, since
 * PostgreSQL refuses to run as root), one database per config, and PgBouncer
 * in transaction pooling mode in front of it, as Neon's and Supabase's pooled
 * URLs are. stop() removes everything; it is registered for cleanup.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "../support/free-port";
import { mustRun, onCleanup, sleep, startService, waitFor, type Service } from "./processes";

export type Cluster = {
  port: number;
  bouncerPort: number;
  /** A plain URL to `database`, the form a provider hands out; through PgBouncer when `pooled`. */
  url: (database: string, pooled?: boolean) => string;
  createDatabase: (name: string) => Promise<void>;
  query: <T extends pg.QueryResultRow = pg.QueryResultRow>(database: string, sql: string, params?: unknown[]) => Promise<T[]>;
  /** Transactions PgBouncer has carried for `database` so far. */
  pooledTransactions: (database: string) => Promise<number>;
  logs: () => string;
  stop: () => Promise<void>;
};

function postgresBin(name: string): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const path = join(root, version, "bin", name);
    if (existsSync(path)) return path;
  }
  throw new Error(`${name} not found under ${root}/*/bin: install the postgresql package (scripts/system-deps.sh does)`);
}

/** uid/gid to run PostgreSQL and PgBouncer as: the `postgres` user when we are root, else ourselves. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), "sidecar-e2e-pg-"));
  const user = runAs();
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  const dataDir = join(dir, "data");
  const env = { ...process.env, LC_ALL: "C.UTF-8", LANG: "C.UTF-8" };
  const pools = new Map<string, pg.Pool>();
  let postgres: Service | undefined;
  let bouncer: Service | undefined;

  const stop = async () => {
    unregister();
    await Promise.all([...pools.values()].map((pool) => pool.end().catch(() => {})));
    await bouncer?.stop();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const unregister = onCleanup(stop);

  await mustRun(postgresBin("initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], {
    cwd: dir,
    env,
    ...user,
  });
  const port = await freePort();
  postgres = startService(
    "postgres",
    postgresBin("postgres"),
    // Durability is irrelevant for a throwaway cluster; speed is not.
    [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-k",
      dir,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "max_connections=200",
    ],
    { cwd: dir, env, ...user },
  );
  const admin = () => pool("postgres");
  const pool = (database: string) => {
    let p = pools.get(database);
    if (!p) {
      p = new pg.Pool({ host: "127.0.0.1", port, user: "postgres", database, max: 2 });
      p.on("error", () => {});
      pools.set(database, p);
    }
    return p;
  };
  await waitFor("PostgreSQL to accept connections", async () => (await admin().query("select 1"), true), 30_000, postgres);

  const bouncerPort = await freePort();
  bouncer = startBouncer(dir, port, bouncerPort, env, user);
  await waitFor(
    "PgBouncer to accept connections",
    async () => {
      const client = new pg.Client({ host: "127.0.0.1", port: bouncerPort, user: "postgres", database: "postgres" });
      await client.connect();
      await client.end();
      return true;
    },
    15_000,
    bouncer,
  );

  return {
    port,
    bouncerPort,
    url: (database, pooled = false) => `postgresql://postgres:postgres@127.0.0.1:${pooled ? bouncerPort : port}/${database}`,
    createDatabase: async (name) => {
      await admin().query(`create database "${name}"`);
    },
    query: async (database, sql, params) => (await pool(database).query(sql, params)).rows,
    pooledTransactions: async (database) => {
      await sleep(1500); // one stats_period, so the totals include the latest transactions
      // The admin console speaks only the simple query protocol: a plain client, no parameters.
      const client = new pg.Client({ host: "127.0.0.1", port: bouncerPort, user: "postgres", database: "pgbouncer" });
      await client.connect();
      try {
        const { rows } = await client.query<{ database: string; total_xact_count: string }>("SHOW STATS");
        return Number(rows.find((row) => row.database === database)?.total_xact_count ?? 0);
      } finally {
        await client.end();
      }
    },
    logs: () => `--- postgres ---\n${postgres.log()}\n--- pgbouncer ---\n${bouncer.log()}`,
    stop,
  };
}

function startBouncer(dir: string, pgPort: number, port: number, env: NodeJS.ProcessEnv, user: { uid?: number; gid?: number }): Service {
  const ini = join(dir, "pgbouncer.ini");
  const users = join(dir, "userlist.txt");
  writeFileSync(users, `"postgres" "postgres"\n`);
  writeFileSync(
    ini,
    [
      "[databases]",
      `* = host=127.0.0.1 port=${pgPort}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      "auth_type = trust",
      `auth_file = ${users}`,
      // What makes a pooler hard on drivers: a server connection per transaction, not per client.
      "pool_mode = transaction",
      "max_client_conn = 400",
      "default_pool_size = 20",
      "ignore_startup_parameters = extra_float_digits,options,search_path,statement_timeout",
      "admin_users = postgres",
      // SHOW STATS totals are refreshed every stats_period seconds; the test reads them right after a config.
      "stats_period = 1",
      "",
    ].join("\n"),
  );
  if (user.uid !== undefined) {
    for (const file of [ini, users]) chownSync(file, user.uid, user.gid!);
  }
  return startService("pgbouncer", "pgbouncer", [ini], { cwd: dir, env, ...user });
}
