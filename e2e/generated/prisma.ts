/**
 * How the Prisma variants run here. Prisma's CLI downloads a native schema
 * engine before any command, even `prisma generate`, which never uses it, and
 * binaries.prisma.sh is unreachable from this machine. PRISMA_SCHEMA_ENGINE_BINARY
 * names a stand-in instead, so the real `prisma generate` produces the real
 * client; the tables come from the project's migrations (npm run migrate and
 * Alembic), as the templates intend. The stand-in records every run of itself,
 * and a check proves it never ran: nothing was faked on the request path.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const PRISMA_CLIENT_STEP =
  "prisma: the real `prisma generate` builds the client (engine download unreachable here: a schema-engine stand-in is named, never run)";

export function createSchemaEngineStandIn(dir: string): string {
  const path = join(dir, "schema-engine-stand-in");
  writeFileSync(path, `#!/bin/sh\necho "$0 $*" >> "${path}.ran"\necho "schema-engine stand-in: the real engine is not available here" >&2\nexit 1\n`);
  chmodSync(path, 0o755);
  return path;
}

export function assertStandInUnused(path: string): void {
  const log = `${path}.ran`;
  if (existsSync(log)) throw new Error(`the schema-engine stand-in ran:\n${readFileSync(log, "utf8")}`);
}
