/** Decisions for `auth-server/`: the better-auth service. */
import type { ResolvedConfig } from "../../config/resolve";

export function authServerView(c: ResolvedConfig) {
  return {
    sessionExpiresIn: c.session.expiresIn,
    sessionUpdateAge: c.resolved.updateAge,
  };
}
