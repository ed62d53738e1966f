/**
 * Derived settings: the values a user may leave on "auto" resolved to concrete
 * ones. The generator, the wizard and the diagnostics all read these through
 * resolveConfig so the derivation exists once.
 */
import type { RateLimitStorage } from "./option-specs";
import { authServerPort, DAY, type Config } from "./schema";

export type ResolvedConfig = Config & {
  resolved: {
    sameSite: "lax" | "strict" | "none";
    rateLimitStorage: RateLimitStorage;
    updateAge: number;
    authServerPort: number;
    backendPort: number;
    /** True when some frontend origin is not on localhost, so cookies cross sites in production. */
    crossSiteOrigins: boolean;
    /** Email flows that need a working transport. */
    sendsEmail: boolean;
    usesDockerCompose: boolean;
  };
};

/**
 * Hosts a browser treats as this machine and as a secure context even over
 * http. 0.0.0.0 is not one: it is a bind address, browsers give it no secure
 * context (and Chromium refuses it), so an app served there is like any other
 * http site.
 */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether an origin is a browser on this machine; false for text that is not an origin. */
export function isLocalOrigin(origin: string): boolean {
  try {
    return LOCAL_HOSTS.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

export function resolveConfig(config: Config): ResolvedConfig {
  const crossSiteOrigins = config.cors.origins.some((origin) => !isLocalOrigin(origin));
  return {
    ...config,
    resolved: {
      sameSite: config.cors.sameSite === "auto" ? (crossSiteOrigins ? "none" : "lax") : config.cors.sameSite,
      rateLimitStorage: config.rateLimit.storage === "auto" ? (config.deployment.authServer === "vercel" ? "database" : "memory") : config.rateLimit.storage,
      updateAge: config.session.updateAge ?? Math.min(DAY, Math.floor(config.session.expiresIn / 2)),
      authServerPort: authServerPort(config),
      backendPort: config.ports.backend,
      crossSiteOrigins,
      sendsEmail: config.auth.emailPassword.requireEmailVerification || config.auth.magicLink.enabled,
      usesDockerCompose:
        config.deployment.useDocker ||
        config.deployment.authServer === "docker" ||
        config.deployment.apiServer === "docker" ||
        config.database.host === "local",
    },
  };
}
