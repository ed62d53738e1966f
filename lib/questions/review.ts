/**
 * The Review step's rows: every setting in words, with the values the zip
 * will really use where the form leaves one automatic (the auth server's
 * port, the refresh age, the SameSite policy, the rate-limit storage), and
 * what the zip holds that no single setting says (its Docker Compose files).
 */
import { getIn, type ConfigPath } from "../config/paths";
import type { ResolvedConfig } from "../config/resolve";
import type { Config } from "../config/schema";
import { formatDuration } from "./index";
import { CONFIG_PATHS, FIELDS, formatValue } from "./fields";

type Resolved = ResolvedConfig["resolved"];
export type ReviewRow = { path: ConfigPath | "files" | "compose"; label: string; value: string };

/**
 * Why the zip holds Docker Compose files, one reason per condition the
 * generator includes them for; empty when it holds none (a test holds this
 * list against the generator's own condition).
 */
export function composeReasons(config: Config): string[] {
  const reasons: [boolean, string][] = [
    [config.deployment.useDocker, "Docker Compose for development is on"],
    [config.deployment.authServer === "docker", "the auth server deploys with Docker"],
    [config.deployment.apiServer === "docker", "the backend deploys with Docker"],
    [config.database.host === "local", "PostgreSQL runs locally in Docker Compose"],
  ];
  return reasons.filter(([applies]) => applies).map(([, reason]) => reason);
}

/** The words for an automatic setting: what it resolves to here. */
const AUTOMATIC: Partial<Record<ConfigPath, (resolved: Resolved) => string>> = {
  "ports.authServer": (r) => `${r.authServerPort} (automatic)`,
  "session.updateAge": (r) => `${formatDuration(r.updateAge)} (automatic)`,
  "cors.sameSite": (r) => `Automatic: ${formatValue("cors.sameSite", r.sameSite)}`,
  "rateLimit.storage": (r) => `Automatic: ${formatValue("rateLimit.storage", r.rateLimitStorage)}`,
};

const isAutomatic = (value: unknown) => value === undefined || value === "auto";

function settingValue(config: Config, resolved: Resolved | null, path: ConfigPath): string {
  const value = getIn(config, path);
  const automatic = AUTOMATIC[path];
  if (automatic && resolved && isAutomatic(value)) return automatic(resolved);
  if (path === "deployment.useDocker" && value === false) {
    const reasons = composeReasons(config);
    if (reasons.length > 0) return `off, but the zip holds the Docker Compose files anyway: ${reasons.join("; ")}`;
  }
  return formatValue(path, value);
}

/** "auth-server/ 41, backend/ 37, 9 at the top": the zip's files by top folder. */
function filesByFolder(paths: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const path of paths) {
    const slash = path.indexOf("/");
    const folder = slash < 0 ? "" : path.slice(0, slash + 1);
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  const parts = [...counts].filter(([folder]) => folder).map(([folder, count]) => `${folder} ${count}`);
  const top = counts.get("");
  if (top) parts.push(`${top} at the top`);
  return `${paths.length} files (${parts.join(", ")})`;
}

const isComposeFile = (path: string) => /^docker-compose[^/]*\.ya?ml$/.test(path);

/**
 * The rows of the Review. `resolved` and `paths` belong to the last valid
 * configuration's preview; while there is none, automatic values read
 * "the automatic value" and the zip rows are left out.
 */
export function reviewRows(config: Config, resolved: Resolved | null, paths: readonly string[]): ReviewRow[] {
  const settings: ReviewRow[] = CONFIG_PATHS.filter((path) => FIELDS[path].step).map((path) => ({
    path,
    label: FIELDS[path].label,
    value: settingValue(config, resolved, path),
  }));
  if (paths.length === 0) return settings;
  const compose = paths.filter(isComposeFile);
  return [
    ...settings,
    { path: "files", label: "the zip", value: filesByFolder(paths) },
    { path: "compose", label: "Docker Compose files in the zip", value: compose.length > 0 ? compose.join(", ") : "none" },
  ];
}
