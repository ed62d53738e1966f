/**
 * Re-captures the fixtures in better-auth-sql/ from a real better-auth: the
 * SQL that `getMigrations(options).compileMigrations()` prints for an empty
 * PostgreSQL database, for each plugin set the generated auth server uses.
 *
 *   node tests/auth-schema/capture-better-auth-sql.mjs <dir with better-auth@1.7 and pg installed> <empty database URL>
 *
 * better-auth is a dependency of the generated project, not of Sidecar, so
 * the unit test reads these fixtures instead of importing it.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [installDir, databaseUrl] = process.argv.slice(2);
const require = createRequire(pathToFileURL(`${installDir}/package.json`));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const { betterAuth } = await load("better-auth");
const { bearer, jwt, magicLink } = await load("better-auth/plugins");
const { getMigrations } = await load("better-auth/db/migration");
const { default: pg } = await load("pg");

const base = { emailAndPassword: { enabled: true }, plugins: [bearer()] };
const PLUGIN_SETS = {
  "database-memory": base,
  "jwt-memory": { ...base, plugins: [bearer(), jwt()] },
  "database-ratelimit-db": { ...base, rateLimit: { enabled: true, storage: "database" } },
  "jwt-ratelimit-db-magiclink-oauth": {
    emailAndPassword: { enabled: true, requireEmailVerification: true },
    socialProviders: { google: { clientId: "id", clientSecret: "secret" }, github: { clientId: "id", clientSecret: "secret" } },
    plugins: [bearer(), jwt(), magicLink({ sendMagicLink: async () => {} })],
    rateLimit: { enabled: false, storage: "database" },
  },
};

const pool = new pg.Pool({ connectionString: databaseUrl });
for (const [name, options] of Object.entries(PLUGIN_SETS)) {
  const auth = betterAuth({ database: pool, secret: "s".repeat(40), baseURL: "http://localhost:3000", ...options });
  const sql = await (await getMigrations(auth.options)).compileMigrations();
  writeFileSync(new URL(`better-auth-sql/${name}.sql`, import.meta.url), `${sql}\n`);
}
await pool.end();
