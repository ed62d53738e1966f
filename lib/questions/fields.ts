/**
 * The field registry: one entry per setting of the configuration, keyed by
 * its typed path. It says how the setting is named in messages, the help the
 * wizard shows with it, which wizard step edits it, its short permalink key
 * and how its value reads in words.
 * The `Record<ConfigPath, …>` type makes a new setting fail to compile until
 * its entry is written; a test holds the registry against the schema's leaves.
 */
import type { ConfigPath } from "../config/paths";
import {
  API_SERVER_TARGET_TEXT,
  AUTH_SERVER_TARGET_TEXT,
  DATABASE_HOST_TEXT,
  DOCS_LAYOUT_TEXT,
  EMAIL_TRANSPORT_TEXT,
  FRAMEWORK_TEXT,
  OAUTH_PROVIDER_TEXT,
  ORM_TEXT,
  PROJECT_TYPE_TEXT,
  RATE_LIMIT_STORAGE_TEXT,
  SAME_SITE_TEXT,
  VALIDATION_METHOD_TEXT,
  formatDuration,
  type OptionText,
} from "./index";

/** The wizard's steps that edit settings, in order. */
export const FIELD_STEPS = ["project", "database", "auth", "verification", "validation", "deployment", "origins", "lifetime", "advanced"] as const;
export type FieldStep = (typeof FIELD_STEPS)[number];

/** How a value is written in a permalink. */
export type PermalinkKind = "text" | "int" | "bool" | "list";

export type FieldSpec = {
  /** The setting in messages: "… is not a valid {label}". */
  label: string;
  /** The help the wizard shows under the setting, when it needs more than its label. */
  hint?: string;
  /** The step that edits it; none for the configuration version, which no one edits. */
  step?: FieldStep;
  /** Short query key and encoding; none for the version, which the link carries as `v`. */
  permalink?: { key: string; kind: PermalinkKind };
  /** A number of seconds, shown as "7 days". */
  duration?: true;
  /** Words for each value of an enum setting (or of each item of a list of enum values). */
  options?: Record<string, OptionText>;
  /** Words for an empty list. */
  empty?: string;
};

export const FIELDS: Record<ConfigPath, FieldSpec> = {
  version: { label: "configuration version" },
  projectType: {
    label: "project type",
    hint: "A new project gets a new FastAPI backend; an existing app keeps its code, with the smallest change added.",
    step: "project",
    permalink: { key: "pt", kind: "text" },
    options: PROJECT_TYPE_TEXT,
  },
  projectName: {
    label: "project name",
    hint: "The zip's folder, the npm package and the Python project name.",
    step: "project",
    permalink: { key: "n", kind: "text" },
  },
  description: { label: "description", hint: "Appears in the READMEs and package metadata.", step: "project", permalink: { key: "d", kind: "text" } },
  "database.host": {
    label: "PostgreSQL provider",
    hint: "Both services share this database: the auth server owns the auth tables, FastAPI reads them.",
    step: "database",
    permalink: { key: "db", kind: "text" },
    options: DATABASE_HOST_TEXT,
  },
  "auth.emailPassword.enabled": { label: "email and password sign-in", step: "auth", permalink: { key: "ep", kind: "bool" } },
  "auth.emailPassword.requireEmailVerification": {
    label: "email verification",
    step: "verification",
    permalink: { key: "ev", kind: "bool" },
  },
  "auth.emailPassword.minPasswordLength": { label: "minimum password length", step: "advanced", permalink: { key: "pn", kind: "int" } },
  "auth.emailPassword.maxPasswordLength": { label: "maximum password length", step: "advanced", permalink: { key: "px", kind: "int" } },
  "auth.oauth.providers": {
    label: "OAuth provider list",
    step: "auth",
    permalink: { key: "oa", kind: "list" },
    options: OAUTH_PROVIDER_TEXT,
    empty: "no OAuth providers",
  },
  "auth.magicLink.enabled": { label: "magic link sign-in", step: "auth", permalink: { key: "ml", kind: "bool" } },
  "session.validationMethod": {
    label: "session validation method",
    step: "validation",
    permalink: { key: "sv", kind: "text" },
    options: VALIDATION_METHOD_TEXT,
  },
  "session.expiresIn": { label: "session lifetime", step: "lifetime", permalink: { key: "se", kind: "int" }, duration: true },
  "session.updateAge": {
    label: "session refresh age",
    hint: "Must be shorter than the lifetime.",
    step: "advanced",
    permalink: { key: "su", kind: "int" },
    duration: true,
  },
  "session.cookieCache.enabled": { label: "cookie cache", step: "advanced", permalink: { key: "cc", kind: "bool" } },
  "session.cookieCache.maxAge": { label: "cookie cache age", step: "advanced", permalink: { key: "ca", kind: "int" }, duration: true },
  "deployment.authServer": {
    label: "auth server deployment target",
    step: "deployment",
    permalink: { key: "as", kind: "text" },
    options: AUTH_SERVER_TARGET_TEXT,
  },
  "deployment.apiServer": { label: "API deployment target", step: "deployment", permalink: { key: "ap", kind: "text" }, options: API_SERVER_TARGET_TEXT },
  "deployment.useDocker": { label: "Docker Compose for development", step: "deployment", permalink: { key: "dk", kind: "bool" } },
  "cors.origins": { label: "frontend origin list", step: "origins", permalink: { key: "o", kind: "list" } },
  "cors.sameSite": { label: "cookie SameSite policy", step: "advanced", permalink: { key: "ss", kind: "text" }, options: SAME_SITE_TEXT },
  "rateLimit.enabled": { label: "rate limiting", step: "advanced", permalink: { key: "rl", kind: "bool" } },
  "rateLimit.window": { label: "rate-limit window", step: "advanced", permalink: { key: "rw", kind: "int" }, duration: true },
  "rateLimit.max": { label: "rate-limit request count", step: "advanced", permalink: { key: "rm", kind: "int" } },
  "rateLimit.storage": { label: "rate-limit storage", step: "advanced", permalink: { key: "rs", kind: "text" }, options: RATE_LIMIT_STORAGE_TEXT },
  "stack.framework": { label: "auth server framework", step: "advanced", permalink: { key: "fw", kind: "text" }, options: FRAMEWORK_TEXT },
  "stack.orm": { label: "database layer", step: "advanced", permalink: { key: "orm", kind: "text" }, options: ORM_TEXT },
  "email.transport": {
    label: "email transport",
    hint: "Verification mails and magic links need a real transport.",
    step: "verification",
    permalink: { key: "em", kind: "text" },
    options: EMAIL_TRANSPORT_TEXT,
  },
  "backend.exampleResource": { label: "example notes resource", step: "advanced", permalink: { key: "bx", kind: "bool" } },
  "docs.layout": { label: "documentation layout", step: "advanced", permalink: { key: "dl", kind: "text" }, options: DOCS_LAYOUT_TEXT },
  "ports.authServer": { label: "auth server port", step: "advanced", permalink: { key: "pa", kind: "int" } },
  "ports.backend": { label: "backend port", step: "advanced", permalink: { key: "pb", kind: "int" } },
};

/** Every setting's path, in the registry's order (the order of the Review and of permalinks). */
export const CONFIG_PATHS = Object.keys(FIELDS) as ConfigPath[];

/** The registry entry of a problem's path: the setting itself, or the setting a list item belongs to (`cors.origins.1`). */
function fieldOf(path: string): ConfigPath | undefined {
  return CONFIG_PATHS.find((field) => path === field || path.startsWith(`${field}.`));
}

/**
 * The step that edits the setting at `path`. A rule about a group (`auth`)
 * belongs to the first step that edits a setting of the group.
 */
export function stepOfPath(path: string): FieldStep | undefined {
  const field = fieldOf(path);
  if (field) return FIELDS[field].step;
  const inGroup = CONFIG_PATHS.filter((p) => p.startsWith(`${path}.`)).map((p) => FIELDS[p].step);
  return FIELD_STEPS.find((step) => inGroup.includes(step));
}

/** A setting's value in words, for messages such as "7 days was used". */
export function formatValue(path: ConfigPath, value: unknown): string {
  const { duration, options, empty } = FIELDS[path];
  const words = (item: unknown) => options?.[String(item)]?.label ?? String(item);
  if (value === undefined) return "the automatic value";
  if (Array.isArray(value)) return value.length === 0 && empty ? empty : value.map(words).join(", ");
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "number" && duration) return formatDuration(value);
  return words(value);
}
