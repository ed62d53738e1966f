/**
 * The rules between fields of the configuration. Free of zod (they read a
 * parsed configuration), so the wizard can ask them which options a change
 * would break; the schema applies them in superRefine.
 */
import type { Config } from "./schema";

/** The auth server's port: as configured, else 3000, or 3001 when the frontend is http://localhost:3000. */
export function authServerPort(c: Pick<Config, "ports" | "cors">): number {
  return c.ports.authServer ?? (c.cors.origins.includes("http://localhost:3000") ? 3001 : 3000);
}

/**
 * `message` tells someone whose form breaks the rule what to change; `why`
 * states the rule itself, true whichever side of it the form is on, for an
 * option the wizard keeps out of reach because choosing it would break it.
 */
type Issue = { path: (string | number)[]; message: string; why: string };

/** Rules that involve more than one field. Each names the field the user should change. */
export function crossFieldIssues(c: Config): Issue[] {
  const issues: Issue[] = [];
  const { emailPassword, oauth, magicLink } = c.auth;
  if (!emailPassword.enabled && oauth.providers.length === 0 && !magicLink.enabled) {
    issues.push({ path: ["auth"], message: "Choose at least one sign-in method", why: "A project needs at least one sign-in method." });
  }
  if (new Set(oauth.providers).size !== oauth.providers.length) {
    issues.push({ path: ["auth", "oauth", "providers"], message: "Each OAuth provider can be chosen once", why: "Each OAuth provider can be chosen once." });
  }
  if (emailPassword.minPasswordLength > emailPassword.maxPasswordLength) {
    issues.push({
      path: ["auth", "emailPassword", "maxPasswordLength"],
      message: `The maximum password length must be at least the minimum (${emailPassword.minPasswordLength})`,
      why: "The maximum password length cannot be below the minimum.",
    });
  }
  if (emailPassword.requireEmailVerification && !emailPassword.enabled) {
    issues.push({
      path: ["auth", "emailPassword", "requireEmailVerification"],
      message: "Email verification applies to email/password sign-up: enable Email/Password or turn verification off",
      why: "Required email verification works on email and password sign-up, so the two go together.",
    });
  }
  if ((emailPassword.requireEmailVerification || magicLink.enabled) && c.email.transport !== "smtp") {
    issues.push({
      path: ["email", "transport"],
      message: "Email verification and magic links send mail: choose the SMTP transport (it logs links to the console in development)",
      why: "Email verification and magic links send mail, which takes the SMTP transport (it logs links to the console in development).",
    });
  }
  if (c.session.updateAge !== undefined && c.session.updateAge >= c.session.expiresIn) {
    issues.push({
      path: ["session", "updateAge"],
      message: `The session refresh age must be shorter than the session lifetime (${c.session.expiresIn} seconds)`,
      why: "The session refresh age is shorter than the session lifetime.",
    });
  }
  if (new Set(c.cors.origins).size !== c.cors.origins.length) {
    issues.push({ path: ["cors", "origins"], message: "Each origin can be listed once", why: "Each origin can be listed once." });
  }
  if (c.rateLimit.storage === "memory" && c.deployment.authServer === "vercel") {
    issues.push({
      path: ["rateLimit", "storage"],
      message: "Memory rate-limit storage does not work across Vercel's serverless instances: use database storage",
      why: "Vercel's serverless instances share no memory, so rate-limit counters on Vercel live in the database.",
    });
  }
  if (oauth.providers.length > 0 && c.cors.sameSite === "strict") {
    issues.push({
      path: ["cors", "sameSite"],
      message:
        "OAuth sign-in returns from the provider by a cross-site redirect, which carries no SameSite=Strict cookie (better-auth's state check fails): use Lax or None",
      why: "OAuth sign-in returns from the provider by a cross-site redirect, which carries no SameSite=Strict cookie, so OAuth and Strict do not go together.",
    });
  }
  if (authServerPort(c) === c.ports.backend) {
    issues.push({
      path: ["ports", "backend"],
      message: "The auth server and the backend need different ports",
      why: "The auth server and the backend need different ports.",
    });
  }
  return issues;
}
