/** Decisions for `backend/`: the FastAPI service. */
import type { ResolvedConfig } from "../../config/resolve";

export function backendView(c: ResolvedConfig) {
  return {
    port: c.resolved.backendPort,
  };
}
