/**
 * The view model: every decision about the generated project, made in
 * TypeScript, so the templates only print values and toggle sections.
 * Templates see booleans, numbers, enum-derived strings, and user text only as
 * `text.<language>.<name>` (see encode.ts).
 */
import { flagsOf, oneHot } from "../../config/option-specs";
import { EMAIL_TRANSPORTS, FRAMEWORKS, OAUTH_PROVIDERS, ORMS, VALIDATION_METHODS } from "../../config/options";
import type { ResolvedConfig } from "../../config/resolve";
import type { AuthTableNames } from "../../integrate/auth-tables";
import { encodeAll, envValue } from "../encode";
import { authServerView } from "./auth-server";
import { backendView } from "./backend";
import { frontendView } from "./frontend";
import { localDatabaseName, projectView } from "./project";

export type ViewOptions = {
  /** better-auth's table names when an existing app already uses the default ones. */
  authTableNames?: AuthTableNames;
};

/**
 * The Node.js lines the auth server supports: the images and CI run the
 * active LTS, `engines` admits the maintenance LTS too.
 */
export const NODE_RUNTIME = { lts: "24", minimum: "22" } as const;

export function buildViewModel(config: ResolvedConfig, options: ViewOptions = {}) {
  return {
    text: encodeAll(
      {
        projectName: config.projectName,
        description: config.description,
        // Validated origins, still encoded per language like any user value.
        corsOrigins: config.cors.origins.join(","),
        // The same origins for prose (docs).
        corsOriginList: config.cors.origins.join(", "),
      },
      ["ts", "json", "py", "yaml", "toml", "md"],
    ),
    ...commonView(config),
    project: projectView(config),
    authServer: authServerView(config, options.authTableNames),
    backend: backendView(config),
    frontend: frontendView(config),
  };
}

/**
 * The sign-in method the project's own tests and Quick start walk through:
 * email and password when offered, else magic links, else OAuth (which
 * cannot run without a browser, so its session is made directly).
 */
const SIGN_IN_PRECEDENCE = ["emailPassword", "magicLink", "oauth"] as const;

function primarySignIn(c: ResolvedConfig) {
  const offered = { emailPassword: c.auth.emailPassword.enabled, magicLink: c.auth.magicLink.enabled, oauth: c.auth.oauth.providers.length > 0 };
  return oneHot(SIGN_IN_PRECEDENCE, SIGN_IN_PRECEDENCE.find((method) => offered[method]) ?? "oauth");
}

/** Facts every part of the project reads the same way. */
function commonView(c: ResolvedConfig) {
  return {
    ...oneHot(VALIDATION_METHODS, c.session.validationMethod),
    ...oneHot(FRAMEWORKS, c.stack.framework),
    ...oneHot(ORMS, c.stack.orm),
    emailPassword: c.auth.emailPassword.enabled,
    requireEmailVerification: c.auth.emailPassword.requireEmailVerification,
    magicLink: c.auth.magicLink.enabled,
    primarySignIn: primarySignIn(c),
    /** Sign-up ends signed in: password accounts that need no verification first. */
    signUpSignsIn: c.auth.emailPassword.enabled && !c.auth.emailPassword.requireEmailVerification,
    ...flagsOf(OAUTH_PROVIDERS, c.auth.oauth.providers),
    oauth: c.auth.oauth.providers.length > 0,
    sendsEmail: c.resolved.sendsEmail,
    notes: c.backend.exampleResource,
    ...oneHot(EMAIL_TRANSPORTS, c.email.transport),
    /**
     * The local development database both services' .env.example and Compose
     * name, so one URL works for both: the project name with `_` for `-`.
     */
    databaseName: envValue(localDatabaseName(c)),
    authServerPort: c.resolved.authServerPort,
    backendPort: c.resolved.backendPort,
    node: NODE_RUNTIME,
  };
}
