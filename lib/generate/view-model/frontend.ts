/**
 * Decisions for `frontend/`: the better-auth client, the typed `api` helper
 * and the demo page, for the chosen sign-in methods and validation mode.
 */
import { OAUTH_PROVIDER_SPECS } from "../../config/option-specs";
import type { ResolvedConfig } from "../../config/resolve";
import { jsonString } from "../encode";
import { AUTH_SERVER_PACKAGES } from "./auth-server";

/**
 * A JWT is fetched again this long before it expires, so a request never
 * leaves with a token that expires on the way.
 */
const JWT_REFRESH_MARGIN_SECONDS = 30;

/** better-auth's client plugins matching the server's: the import list (empty: no import) and the calls. */
function clientPlugins(c: ResolvedConfig) {
  const names = [c.session.validationMethod === "jwt" && "jwtClient", c.auth.magicLink.enabled && "magicLinkClient"].filter(Boolean);
  return { imports: names.join(", "), calls: names.map((name) => `${name}()`).join(", ") };
}

/** "Verification, magic-link and password-reset links": the kinds of link this project emails, for prose. */
function emailedLinks(c: ResolvedConfig): string {
  const { emailPassword, magicLink } = c.auth;
  const kinds = [emailPassword.enabled && "verification", magicLink.enabled && "magic-link", emailPassword.enabled && "password-reset"].filter(
    (kind): kind is string => typeof kind === "string",
  );
  const list = kinds.length > 1 ? `${kinds.slice(0, -1).join(", ")} and ${kinds.at(-1)}` : (kinds[0] ?? "");
  return `${list.charAt(0).toUpperCase()}${list.slice(1)} links`;
}

export function frontendView(c: ResolvedConfig) {
  const authServerUrl = `http://localhost:${c.resolved.authServerPort}`;
  const backendUrl = `http://localhost:${c.resolved.backendPort}`;
  return {
    packageName: jsonString(`${c.projectName}-frontend`),
    betterAuthVersion: jsonString(AUTH_SERVER_PACKAGES["better-auth"]),
    typescriptVersion: jsonString(AUTH_SERVER_PACKAGES.typescript),
    /** Where the services listen in local development: the demo's and the examples' defaults. */
    authServerUrl,
    backendUrl,
    clientPlugins: clientPlugins(c),
    jwtRefreshMarginSeconds: JWT_REFRESH_MARGIN_SECONDS,
    /** The methods that sign in by email link or by password need an address typed in. */
    asksEmail: c.auth.emailPassword.enabled || c.auth.magicLink.enabled,
    /** What the page says after a sign-up, as a string literal: signed in, or a link to follow first. */
    signUpOutcome: jsonString(
      c.auth.emailPassword.requireEmailVerification ? "Check your inbox: the verification link signs you in." : "Signed up and signed in.",
    ),
    emailedLinks: emailedLinks(c),
    firstOAuthProvider: c.auth.oauth.providers[0] ?? "",
    oauthProviders: c.auth.oauth.providers.map((provider) => ({
      id: provider,
      brand: OAUTH_PROVIDER_SPECS[provider].brand,
    })),
  };
}
