/**
 * The view model: every decision about the generated project, made in
 * TypeScript, so the templates only print values and toggle sections.
 * Templates see booleans, numbers, enum-derived strings, and user text only as
 * `text.<language>.<name>` (see encode.ts).
 */
import { flagsOf, oneHot } from "../../config/option-specs";
import { EMAIL_TRANSPORTS, FRAMEWORKS, OAUTH_PROVIDERS, ORMS, VALIDATION_METHODS } from "../../config/options";
import type { ResolvedConfig } from "../../config/resolve";
import { encodeAll, envValue } from "../encode";
import { authServerView } from "./auth-server";
import { backendView } from "./backend";
import { projectView } from "./project";

export function buildViewModel(config: ResolvedConfig) {
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
    authServer: authServerView(config),
    backend: backendView(config),
  };
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
    ...flagsOf(OAUTH_PROVIDERS, c.auth.oauth.providers),
    oauth: c.auth.oauth.providers.length > 0,
    sendsEmail: c.resolved.sendsEmail,
    ...oneHot(EMAIL_TRANSPORTS, c.email.transport),
    /**
     * The local development database both services' .env.example and Compose
     * name, so one URL works for both: the project name with `_` for `-`.
     */
    databaseName: envValue(c.projectName.replace(/-/g, "_")),
    authServerPort: c.resolved.authServerPort,
    backendPort: c.resolved.backendPort,
  };
}

export type ViewModel = ReturnType<typeof buildViewModel>;
