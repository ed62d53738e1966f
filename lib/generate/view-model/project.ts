/** Decisions for the project root: docs, ADRs, CI, Docker Compose. */
import type { ResolvedConfig } from "../../config/resolve";

export function projectView(c: ResolvedConfig) {
  return {
    databaseHost: c.database.host,
  };
}
