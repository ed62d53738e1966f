/**
 * CORS origins agreeing between the services: a frontend the auth server
 * trusts but the backend refuses (or the reverse) can sign in but not call the
 * API. Also: a wildcard with credentials, which browsers reject outright.
 */
import { troubleshooting } from "../docs";
import { authOptionSources, findOption } from "../auth-options";
import { type Edit, fromAnalysis, type Issue, lineEdit } from "../edits";
import { refusedNote, writableOrigins } from "../fix-values";
import { envValue, pyString, tsString } from "../../generate/encode";
import { envFilesUnder, envPairs, originsIn, type EnvOrigins } from "../origins";
import { allowOriginsLists, authServerRoots, backendRoots, filesUnder, isTestFile, lineAt, PY_SOURCE } from "../project";
import type { Check, ProjectFile } from "../types";

const normalize = (origin: string) => origin.trim().replace(/(?<!\/)\/+$/, "");
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((o) => b.includes(o));

function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat().map(normalize))];
}

/** One service's list of allowed origins, where it is written and how to rewrite it (with checked origins only). */
type OriginSide = { file: ProjectFile; line: number; label: string; origins: string[]; rewrite: (origins: string[]) => Edit };

function envSide(o: EnvOrigins): OriginSide {
  return {
    file: o.file,
    line: o.entry.line,
    label: `${o.entry.key} in ${o.file.path}`,
    origins: o.origins.map(normalize),
    rewrite: (origins) => lineEdit(o.file, o.entry.line, `${o.entry.key}=${origins.map(envValue).join(",")}`),
  };
}

/** A list of string literals only (no variables, no spreads), e.g. ["http://a", 'http://b']. */
function literalList(file: ProjectFile, start: number, end: number, label: string): OriginSide | undefined {
  const text = file.content.slice(start, end);
  if (!/^\[\s*(?:(["'])[^"'\n]*\1\s*(?:,\s*)?)*\]$/.test(text)) return undefined;
  const origins = [...text.matchAll(/["']([^"'\n]*)["']/g)].map((m) => normalize(m[1]));
  if (origins.length === 0 || origins.includes("*")) return undefined;
  return {
    file,
    line: lineAt(file.content, start),
    label: `${label} in ${file.path}`,
    origins,
    rewrite: (list) => ({ path: file.path, start, end, text: `[${list.map(file.path.endsWith(".py") ? pyString : tsString).join(", ")}]` }),
  };
}

function backendLiteral(files: readonly ProjectFile[]): OriginSide | undefined {
  for (const file of backendRoots(files)
    .flatMap((root) => filesUnder(files, root, PY_SOURCE))
    .filter((f) => !isTestFile(f.path))) {
    const [list] = allowOriginsLists(file.content);
    if (!list) continue;
    const side = literalList(file, list.start, list.end, "allow_origins");
    if (side) return side;
  }
  return undefined;
}

function authLiteral(files: readonly ProjectFile[]): OriginSide | undefined {
  const found = findOption(authOptionSources(files), "trustedOrigins");
  return found && literalList(found.file, found.prop.valueStart, found.prop.valueEnd, "trustedOrigins");
}

/** The env file a service is run with locally, else its example. */
function primaryEnvSide(files: readonly ProjectFile[], roots: string[]): OriginSide | undefined {
  const envs = roots.flatMap((root) => envFilesUnder(files, root));
  const ordered = [...envs.filter((f) => f.path.endsWith("/.env") || f.path === ".env"), ...envs];
  for (const file of ordered) {
    const found = originsIn(file);
    if (found) return envSide(found);
  }
  return undefined;
}

/** The files are the truth (a recorded config may be older than the user's edits); a fix allows the union. */
function compare(a: OriginSide, b: OriginSide): Issue[] {
  if (sameSet(a.origins, b.origins)) return [];
  const { kept: wanted, refused } = writableOrigins(union(a.origins, b.origins));
  const onlyAuth = a.origins.filter((o) => !b.origins.includes(o));
  const onlyBackend = b.origins.filter((o) => !a.origins.includes(o));
  const detail = [
    onlyAuth.length ? `only the auth server allows ${onlyAuth.join(", ")}` : "",
    onlyBackend.length ? `only the backend allows ${onlyBackend.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
  return [
    {
      file: b.file.path,
      line: b.line,
      message: `The backend's ${b.label} and the auth server's ${a.label} differ: ${detail}${refusedNote(refused)}`,
      edits: [a.rewrite(wanted), b.rewrite(wanted)],
    },
  ];
}

function pairIssues(files: readonly ProjectFile[]): Issue[] {
  const envIssues = envPairs(files).flatMap(({ auth, backend }) => {
    const a = originsIn(auth);
    const b = originsIn(backend);
    return a && b ? compare(envSide(a), envSide(b)) : [];
  });
  // Lists written in code are compared with the other service's list wherever that one lives.
  const authCode = authLiteral(files);
  const backendCode = backendLiteral(files);
  if (!authCode && !backendCode) return envIssues;
  const authSide = authCode ?? primaryEnvSide(files, authServerRoots(files));
  const backendSide = backendCode ?? primaryEnvSide(files, backendRoots(files));
  return [...envIssues, ...(authSide && backendSide ? compare(authSide, backendSide) : [])];
}

/** allow_origins=["*"] with allow_credentials=True: browsers refuse credentialed responses with a wildcard. */
function wildcardIssues(files: readonly ProjectFile[]): Issue[] {
  const python = backendRoots(files)
    .flatMap((root) => filesUnder(files, root, PY_SOURCE))
    .filter((f) => !isTestFile(f.path));
  return python.flatMap((file): Issue[] => {
    const wildcard = /allow_origins\s*=\s*\[\s*["']\*["']\s*\]/.exec(file.content);
    if (!wildcard || !/allow_credentials\s*=\s*True/.test(file.content)) return [];
    return [
      {
        file: file.path,
        line: lineAt(file.content, wildcard.index),
        message: 'allow_origins=["*"] with allow_credentials=True: browsers reject it; list the frontend origins',
      },
    ];
  });
}

function analyse(files: readonly ProjectFile[]): Issue[] {
  return [...pairIssues(files), ...wildcardIssues(files)];
}

export const corsOrigins: Check = {
  id: "cors-origins",
  title: "CORS Origins",
  severity: "error",
  explanation:
    "The auth server and the backend each decide which frontends may call them. When their lists differ, a frontend can sign in but its API calls fail with a CORS error (or the reverse).",
  docs: troubleshooting("cross-site-cookies-and-origins"),
  ...fromAnalysis(analyse),
};
