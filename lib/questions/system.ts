/**
 * The picture of the system the answers build: the frontend origins, the auth
 * server on its target, the PostgreSQL provider and the FastAPI backend on its
 * target, joined by what travels between them. How a credential reaches the
 * backend depends on the session validation method, so each method has its
 * own arrows and its own numbered steps.
 */
import type { ValidationMethod } from "../config/option-specs";
import type { ResolvedConfig } from "../config/resolve";
import { API_SERVER_TARGET_TEXT, AUTH_SERVER_TARGET_TEXT, DATABASE_HOST_TEXT, FRAMEWORK_TEXT, VALIDATION_METHOD_TEXT } from "./index";

export type SystemPart = "frontend" | "auth" | "backend" | "database";
type SystemBox = { title: string; lines: string[] };
/** `credential`: how a signed-in browser proves who it is; `data`: reads and writes. */
export type SystemLink = { from: SystemPart; to: SystemPart; label: string; kind: "credential" | "data" };
export type SystemPicture = { boxes: Record<SystemPart, SystemBox>; links: SystemLink[]; method: string; steps: string[] };

/** The origins the picture lists before "and N more". */
const SHOWN_ORIGINS = 3;

type Flow = { links: SystemLink[]; steps: string[] };

const FLOWS: Record<ValidationMethod, (expiresIn: string) => Flow> = {
  jwt: () => ({
    links: [
      { from: "frontend", to: "backend", label: "Authorization: Bearer JWT", kind: "credential" },
      { from: "backend", to: "auth", label: "JWKS public keys, cached", kind: "credential" },
      { from: "backend", to: "database", label: "app tables", kind: "data" },
    ],
    steps: [
      "The browser signs in with the auth server, which sets its session cookie.",
      "The frontend asks the auth server for a JWT (/api/auth/token), valid for 15 minutes.",
      "The frontend sends it to FastAPI as Authorization: Bearer.",
      "FastAPI checks the signature with the public keys from /api/auth/jwks; no database read per request.",
    ],
  }),
  database: (expiresIn) => ({
    links: [
      { from: "frontend", to: "backend", label: "session cookie or bearer token", kind: "credential" },
      { from: "backend", to: "database", label: "session lookup, app tables", kind: "credential" },
    ],
    steps: [
      `The browser signs in with the auth server, which stores a session (${expiresIn}) and sets its cookie.`,
      "The frontend calls FastAPI with that cookie (credentials: include) or the session token as a bearer token.",
      "FastAPI looks the session up in the shared database on every request, so a sign-out takes effect at once.",
    ],
  }),
};

function originLines(origins: readonly string[]): string[] {
  if (origins.length === 0) return ["no origins yet"];
  const shown = origins.slice(0, SHOWN_ORIGINS);
  const more = origins.length - shown.length;
  return more > 0 ? [...shown, `and ${more} more`] : shown;
}

export function systemPicture(config: ResolvedConfig, expiresInWords: string): SystemPicture {
  const { resolved } = config;
  const flow = FLOWS[config.session.validationMethod](expiresInWords);
  const backendTitle = config.projectType === "existing" ? "Your FastAPI app" : "FastAPI backend";
  return {
    boxes: {
      frontend: { title: "Frontend", lines: originLines(config.cors.origins) },
      auth: {
        title: "Auth server",
        lines: [
          `better-auth on ${FRAMEWORK_TEXT[config.stack.framework].label}`,
          `${AUTH_SERVER_TARGET_TEXT[config.deployment.authServer].label}, port ${resolved.authServerPort}`,
        ],
      },
      backend: { title: backendTitle, lines: [`${API_SERVER_TARGET_TEXT[config.deployment.apiServer].label}, port ${resolved.backendPort}`] },
      database: { title: "PostgreSQL", lines: [DATABASE_HOST_TEXT[config.database.host].label] },
    },
    links: [
      {
        from: "frontend",
        to: "auth",
        label: resolved.crossSiteOrigins ? "sign-in, cross-site cookie (SameSite=None)" : "sign-in, session cookie",
        kind: "credential",
      },
      ...flow.links,
      { from: "auth", to: "database", label: "users, sessions, accounts", kind: "data" },
    ],
    method: VALIDATION_METHOD_TEXT[config.session.validationMethod].label,
    steps: flow.steps,
  };
}
