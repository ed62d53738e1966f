/**
 * JWT settings agreeing between the services: the backend must fetch the keys
 * where the auth server publishes them (/api/auth/jwks), accept the algorithm
 * it signs with (EdDSA by default), and expect the issuer and audience it
 * writes (its BETTER_AUTH_URL origin by default).
 */
import { authOptionsText } from "../auth-options";
import { troubleshooting } from "../docs";
import { fromAnalysis, type Issue, lineEdit } from "../edits";
import { envEncoded } from "../fix-values";
import { pyString } from "../../generate/encode";
import { envPairs, originOf } from "../origins";
import { backendRoots, envValue, filesUnder, isTestFile, lineAt, PY_SOURCE } from "../project";
import { matchingBracket, pyStructure, pythonStrings } from "../source";
import type { Check, ProjectFile } from "../types";

type AuthJwt = { alg: string; jwksPath: string; issuer?: string; audience?: string };

function authJwtSettings(files: readonly ProjectFile[]): AuthJwt | undefined {
  const code = authOptionsText(files);
  if (!/\bjwt\s*\(/.test(code)) return undefined;
  const literal = (key: string) => new RegExp(`\\b${key}\\s*:\\s*["'\`]([^"'\`]+)["'\`]`).exec(code)?.[1];
  const basePath = literal("basePath") ?? "/api/auth";
  return { alg: literal("alg") ?? "EdDSA", jwksPath: `${basePath}${literal("jwksPath") ?? "/jwks"}`, issuer: literal("issuer"), audience: literal("audience") };
}

function backendPython(files: readonly ProjectFile[]): ProjectFile[] {
  return backendRoots(files)
    .flatMap((root) => filesUnder(files, root, PY_SOURCE))
    .filter((f) => !isTestFile(f.path));
}

const LINE_TERMINATORS = new Set(["\n", "\r", "\u2028", "\u2029"]);

/** `value.replace(/\?.*$/, "")` in one pass: cuts at the first `?` of the last line. */
function withoutQuery(value: string): string {
  let lineStart = value.length;
  while (lineStart > 0 && !LINE_TERMINATORS.has(value[lineStart - 1])) lineStart--;
  const query = value.indexOf("?", lineStart);
  return query < 0 ? value : value.slice(0, query);
}

const isPathChar = (c: string) => /^[\w./-]$/.test(c);

/**
 * What `/(\/[\w./-]*jwks[\w.-]*)$/i` captures, in one pass: the trailing run of
 * path characters from its first `/`, when its last segment names jwks.
 */
function jwksPathAtEnd(value: string): string | undefined {
  let start = value.length;
  while (start > 0 && isPathChar(value[start - 1])) start--;
  const run = value.slice(start);
  const firstSlash = run.indexOf("/");
  if (firstSlash < 0 || !/jwks/i.test(run.slice(run.lastIndexOf("/") + 1))) return undefined;
  return run.slice(firstSlash);
}

function jwksIssues(file: ProjectFile, want: AuthJwt): Issue[] {
  return pythonStrings(file.content).flatMap((s): Issue[] => {
    const found = jwksPathAtEnd(withoutQuery(s.value));
    if (found === undefined || found.endsWith(want.jwksPath)) return [];
    const quote = file.content.startsWith(file.content[s.start].repeat(3), s.start) ? 3 : 1;
    const start = s.start + quote + s.value.lastIndexOf(found);
    return [
      {
        file: file.path,
        line: lineAt(file.content, start),
        message: `The backend fetches keys from ${found}, but better-auth publishes them at ${want.jwksPath}`,
        edits: URL_PATH.test(want.jwksPath) ? [{ path: file.path, start, end: start + found.length, text: want.jwksPath }] : [],
      },
    ];
  });
}

function algorithmIssues(file: ProjectFile, want: AuthJwt): Issue[] {
  return [...file.content.matchAll(/\balgorithms\s*=\s*\[([^\]]*)\]/gi)].flatMap((m): Issue[] => {
    const listed = [...m[1].matchAll(/["']([^"']+)["']/g)].map((a) => a[1]);
    if (listed.length === 0 || listed.includes(want.alg)) return [];
    const start = m.index + m[0].indexOf("[");
    return [
      {
        file: file.path,
        line: lineAt(file.content, m.index),
        message: `The backend accepts ${listed.join(", ")}, but the auth server signs with ${want.alg} (PyJWT: "Unable to find an algorithm for key")`,
        edits: ALGORITHM.test(want.alg) ? [{ path: file.path, start, end: m.index + m[0].length, text: `[${pyString(want.alg)}]` }] : [],
      },
    ];
  });
}

/** PyJWT raises InvalidAudienceError for a token with an `aud` claim when decode() names no audience. */
function audienceIssues(file: ProjectFile): Issue[] {
  return [...file.content.matchAll(/\bjwt\.decode\s*\(/g)].flatMap((m): Issue[] => {
    const open = m.index + m[0].length - 1;
    const args = file.content.slice(open, matchingBracket(pyStructure(file.content), open, false) + 1);
    if (/\baudience\s*=/.test(args) && /\bissuer\s*=/.test(args)) return [];
    if (/verify_signature["']\s*:\s*False/.test(args)) return [];
    return [
      {
        file: file.path,
        line: lineAt(file.content, m.index),
        message: "jwt.decode() is called without issuer= and audience=: better-auth's tokens carry both; check them",
      },
    ];
  });
}

/** Values taken from the auth server's code are written only when they are what they claim to be. */
const URL_PATH = /^\/[\w.\-/]{0,200}$/;
const ALGORITHM = /^[A-Z0-9]{2,16}$/i;

/** `KEY=value` through the generator's `.env` encoder; no edit when it refuses the value. */
function envLineEdits(file: ProjectFile, line: number, key: string, value: string) {
  const encoded = envEncoded(value);
  return encoded === undefined ? [] : [lineEdit(file, line, `${key}=${encoded}`)];
}

/** The issuer (and audience) the backend expects, per env pair, against the auth server's BETTER_AUTH_URL origin. */
function envIssues(files: readonly ProjectFile[], want: AuthJwt): Issue[] {
  return envPairs(files).flatMap(({ auth, backend }): Issue[] => {
    const authUrl = envValue(auth, "BETTER_AUTH_URL")?.value;
    const authOrigin = authUrl && originOf(authUrl);
    if (!authOrigin) return [];
    const issues: Issue[] = [];
    for (const [claim, explicit, configured] of [
      ["issuer", "JWT_ISSUER", want.issuer],
      ["audience", "JWT_AUDIENCE", want.audience],
    ] as const) {
      const expected = configured ?? authOrigin;
      const entry = envValue(backend, explicit);
      const serverUrl = envValue(backend, "AUTH_SERVER_URL");
      const actual = entry?.value ? entry.value : serverUrl?.value && originOf(serverUrl.value);
      const line = entry?.value ? entry : serverUrl;
      if (!actual || !line || actual.replace(/\/$/, "") === expected) continue;
      const key = entry?.value ? explicit : "AUTH_SERVER_URL";
      issues.push({
        file: backend.path,
        line: line.line,
        message: `The backend expects the JWT ${claim} ${actual} (${key}), but the auth server writes ${expected} (${configured ? `its jwt ${claim} option` : `BETTER_AUTH_URL in ${auth.path}`}): Invalid${claim === "issuer" ? "Issuer" : "Audience"}Error`,
        edits: envLineEdits(backend, line.line, key, key === "AUTH_SERVER_URL" ? authUrl : expected),
      });
    }
    return issues;
  });
}

function analyse(files: readonly ProjectFile[]): Issue[] {
  const want = authJwtSettings(files);
  if (!want) return [];
  const python = backendPython(files).filter((f) => /^[^\S\n\r\u2028\u2029]*(?:import jwt|from jwt\b)/m.test(f.content) || /jwks/i.test(f.content));
  if (python.length === 0) return [];
  return [...python.flatMap((f) => [...jwksIssues(f, want), ...algorithmIssues(f, want), ...audienceIssues(f)]), ...envIssues(files, want)];
}

export const jwtAgreement: Check = {
  id: "jwt-agreement",
  title: "JWT Issuer/Audience/JWKS",
  severity: "error",
  explanation:
    "In JWT mode the backend verifies tokens on its own: it must load the keys from the auth server's /api/auth/jwks, accept the algorithm they use (EdDSA), and expect the issuer and audience the auth server writes (its BETTER_AUTH_URL origin).",
  docs: troubleshooting("backend-returns-401"),
  notApplicable: (files) => (authJwtSettings(files) ? undefined : "the auth server issues no JWTs: sessions are checked in the database"),
  ...fromAnalysis(analyse),
};
