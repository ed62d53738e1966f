/**
 * The words of the wizard: a label and a trade-off for every value of every
 * enum in lib/config/schema.ts. The values that have a spec of their own
 * (lib/config/option-specs.ts) take their words from it; the `Record<Enum, …>`
 * types make the compiler reject a missing or stale label when the schema changes.
 */
import {
  API_SERVER_TARGETS,
  AUTH_SERVER_TARGETS,
  DATABASE_HOSTS,
  DOCS_LAYOUTS,
  EMAIL_TRANSPORTS,
  FRAMEWORKS,
  OAUTH_PROVIDERS,
  ORMS,
  PROJECT_TYPES,
  RATE_LIMIT_STORAGES,
  SAME_SITE_POLICIES,
  VALIDATION_METHODS,
} from "../config/options";
import {
  API_SERVER_TARGET_SPECS,
  AUTH_SERVER_TARGET_SPECS,
  DATABASE_HOST_SPECS,
  DOCS_LAYOUT_SPECS,
  EMAIL_TRANSPORT_SPECS,
  FRAMEWORK_SPECS,
  OAUTH_PROVIDER_SPECS,
  ORM_SPECS,
  RATE_LIMIT_STORAGE_SPECS,
  VALIDATION_SPECS,
  type OptionText,
} from "../config/option-specs";

export type { OptionText };
type Texts<T extends readonly string[]> = Record<T[number], OptionText>;

export const PROJECT_TYPE_TEXT: Texts<typeof PROJECT_TYPES> = {
  new: { label: "New project", tradeoff: "A new FastAPI backend and auth server, generated from scratch." },
  existing: { label: "Existing FastAPI app", tradeoff: "Auth added to your app with the smallest change; the app is uploaded again each time, never kept." },
};

export const DATABASE_HOST_TEXT: Texts<typeof DATABASE_HOSTS> = DATABASE_HOST_SPECS;

export const OAUTH_PROVIDER_TEXT: Texts<typeof OAUTH_PROVIDERS> = OAUTH_PROVIDER_SPECS;

export const EMAIL_PASSWORD_TEXT: OptionText = {
  label: "Email and password",
  tradeoff: "Works everywhere with no third party; you own password resets and breach risk.",
};

export const MAGIC_LINK_TEXT: OptionText = {
  label: "Magic links",
  tradeoff: "Passwordless sign-in by emailed link; every sign-in depends on mail delivery.",
};

export const EMAIL_VERIFICATION_TEXT: Record<"required" | "disabled", OptionText> = {
  required: { label: "Required", tradeoff: "Users confirm their address before signing in; needs working email." },
  disabled: { label: "Disabled", tradeoff: "Sign-up is instant; addresses are unconfirmed." },
};

export const VALIDATION_METHOD_TEXT: Texts<typeof VALIDATION_METHODS> = VALIDATION_SPECS;

export const AUTH_SERVER_TARGET_TEXT: Texts<typeof AUTH_SERVER_TARGETS> = AUTH_SERVER_TARGET_SPECS;

export const API_SERVER_TARGET_TEXT: Texts<typeof API_SERVER_TARGETS> = API_SERVER_TARGET_SPECS;

export const SAME_SITE_TEXT: Texts<typeof SAME_SITE_POLICIES> = {
  auto: { label: "Automatic", tradeoff: "Lax for localhost-only frontends, None (with Secure) when a frontend is on another site." },
  lax: { label: "Lax", tradeoff: "Sent on top-level navigation; blocks most cross-site requests." },
  strict: { label: "Strict", tradeoff: "Never sent cross-site; breaks sign-in from a frontend on another site." },
  none: { label: "None", tradeoff: "Sent cross-site (requires HTTPS); needed when the frontend is on another site." },
};

export const RATE_LIMIT_STORAGE_TEXT: Texts<typeof RATE_LIMIT_STORAGES> = {
  auto: { label: "Automatic", tradeoff: "Database on serverless targets, memory elsewhere (never Redis, which needs a server of its own)." },
  ...RATE_LIMIT_STORAGE_SPECS,
};

export const FRAMEWORK_TEXT: Texts<typeof FRAMEWORKS> = FRAMEWORK_SPECS;

export const ORM_TEXT: Texts<typeof ORMS> = ORM_SPECS;

export const EMAIL_TRANSPORT_TEXT: Texts<typeof EMAIL_TRANSPORTS> = EMAIL_TRANSPORT_SPECS;

export const DOCS_LAYOUT_TEXT: Texts<typeof DOCS_LAYOUTS> = DOCS_LAYOUT_SPECS;

export { formatDuration } from "../config/duration";
