/**
 * CORS origins agreeing between the services: a frontend the auth server
 * trusts but the backend refuses (or the reverse) can sign in but not call the
 * API. Also: a wildcard with credentials, which browsers reject outright.
 */
import type { Config } from "../../config/schema";
import { troubleshooting } from "../docs";
import { applyEdits, editsOf, findingsOf, lineEdit, type Issue } from "../edits";
import { envPairs, originsIn, type EnvOrigins } from "../origins";
import { backendRoots, filesUnder, isTestFile, lineAt, PY_SOURCE } from "../project";
import type { Check, ProjectFile } from "../types";

const normalize = (origin: string) => origin.trim().replace(/\/+$/, "");
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((o) => b.includes(o));

function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat().map(normalize))];
}

function setOrigins(side: EnvOrigins, origins: string[]) {
  return lineEdit(side.file, side.entry.line, `${side.entry.key}=${origins.join(",")}`);
}

function pairIssues(files: readonly ProjectFile[], config?: Config): Issue[] {
  return envPairs(files).flatMap(({ auth, backend }): Issue[] => {
    const a = originsIn(auth);
    const b = originsIn(backend);
    if (!a || !b) return [];
    const authOrigins = a.origins.map(normalize);
    const backendOrigins = b.origins.map(normalize);
    const wanted = config ? config.cors.origins : union(authOrigins, backendOrigins);
    if (sameSet(authOrigins, backendOrigins) && (!config || sameSet(authOrigins, wanted))) return [];
    const onlyAuth = authOrigins.filter((o) => !backendOrigins.includes(o));
    const onlyBackend = backendOrigins.filter((o) => !authOrigins.includes(o));
    const detail = [
      onlyAuth.length ? `only the auth server allows ${onlyAuth.join(", ")}` : "",
      onlyBackend.length ? `only the backend allows ${onlyBackend.join(", ")}` : "",
    ].filter(Boolean).join("; ");
    return [
      {
        file: b.file.path,
        line: b.entry.line,
        message: `${b.entry.key} here and ${a.entry.key} in ${a.file.path} differ${detail ? `: ${detail}` : " from the configured origins"}`,
        edits: [setOrigins(a, wanted), setOrigins(b, wanted)],
      },
    ];
  });
}

/** allow_origins=["*"] with allow_credentials=True: browsers refuse credentialed responses with a wildcard. */
function wildcardIssues(files: readonly ProjectFile[]): Issue[] {
  const python = backendRoots(files).flatMap((root) => filesUnder(files, root, PY_SOURCE)).filter((f) => !isTestFile(f.path));
  return python.flatMap((file): Issue[] => {
    const wildcard = /allow_origins\s*=\s*\[\s*["']\*["']\s*\]/.exec(file.content);
    if (!wildcard || !/allow_credentials\s*=\s*True/.test(file.content)) return [];
    return [{ file: file.path, line: lineAt(file.content, wildcard.index), message: 'allow_origins=["*"] with allow_credentials=True: browsers reject it; list the frontend origins' }];
  });
}

function analyse(files: readonly ProjectFile[], config?: Config): Issue[] {
  return [...pairIssues(files, config), ...wildcardIssues(files)];
}

export const corsOrigins: Check = {
  id: "cors-origins",
  title: "CORS Origins",
  severity: "error",
  explanation:
    "The auth server and the backend each decide which frontends may call them. When their lists differ, a frontend can sign in but its API calls fail with a CORS error (or the reverse).",
  docs: troubleshooting("cross-site-cookies-and-origins"),
  check: (files, config) => findingsOf(analyse(files, config)),
  fix: (files, config) => applyEdits(files, editsOf(analyse(files, config))),
};
