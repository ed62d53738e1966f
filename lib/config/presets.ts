/**
 * Presets: named starting points, each a partial configuration laid over the
 * defaults. The three built in are the common complete setups; an
 * organization policy adds its own and may replace these.
 */
import { policyViolations, startingConfig, type Policy, type Preset } from "./policy";

export const BUILT_IN_PRESETS: readonly Preset[] = [
  {
    id: "neon-vercel-render",
    title: "Neon + Vercel + Render",
    description: "Serverless PostgreSQL on Neon, the auth server on Vercel, the API on Render, stateless JWT validation",
    config: {
      database: { host: "neon" },
      deployment: { authServer: "vercel", apiServer: "render" },
      session: { validationMethod: "jwt" },
    },
  },
  {
    id: "supabase-railway",
    title: "Supabase + Railway",
    description: "Supabase's pooled PostgreSQL, both services on Railway, database session lookup for instant sign-out",
    config: {
      database: { host: "supabase" },
      deployment: { authServer: "railway", apiServer: "railway" },
      session: { validationMethod: "database" },
    },
  },
  {
    id: "local-docker",
    title: "Local Docker Compose",
    description: "PostgreSQL, both services and nginx in Docker Compose on one machine",
    config: {
      database: { host: "local" },
      deployment: { authServer: "docker", apiServer: "docker" },
    },
  },
];

/** The presets offered under `policy`: its own first, then the built-in ones it keeps and allows. */
export function availablePresets(policy?: Policy): Preset[] {
  if (!policy) return [...BUILT_IN_PRESETS];
  const builtIn = policy.builtInPresets === "keep" ? BUILT_IN_PRESETS.filter((preset) => allowedBy(policy, preset)) : [];
  const own = new Set(policy.presets.map((p) => p.id));
  return [...policy.presets, ...builtIn.filter((p) => !own.has(p.id))];
}

function allowedBy(policy: Policy, preset: Preset): boolean {
  const start = startingConfig(policy, preset.config);
  return start.ok && policyViolations(policy, start.config).length === 0;
}
