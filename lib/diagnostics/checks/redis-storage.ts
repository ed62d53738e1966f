/**
 * Redis as better-auth's secondary storage. Once one is set, better-auth
 * keeps sessions there only unless `session.storeSessionInDatabase` is on, so
 * a backend that looks sessions up in PostgreSQL finds none; and every
 * instance needs REDIS_URL, which the auth server's .env.example must list.
 */
import { authOptionSources, authOptionsText, findObjectOption, findOption, type OptionsSource } from "../auth-options";
import { troubleshooting } from "../docs";
import type { Edit, Issue } from "../edits";
import { fromAnalysis } from "../edits";
import { insertProperty, property, resolvedValue } from "../js-object";
import { authServerRoots, envValue, fileAt, filesUnder, isTestFile, JS_SOURCE, lineAt } from "../project";
import { maskJsComments } from "../source";
import type { Check, ProjectFile } from "../types";

const EXAMPLE_REDIS_URL = "REDIS_URL=redis://localhost:6379";

const insertion = (source: OptionsSource, key: string, value: string): Edit => {
  const { at, text } = insertProperty(source.file.content, source.range, key, value);
  return { path: source.file.path, start: at, end: at, text };
};

function sessionsStayInDatabase(sources: readonly OptionsSource[]): Issue[] {
  const storage = findOption(sources, "secondaryStorage");
  if (!storage) return [];
  const session = findObjectOption(sources, "session");
  const stored = session && property(session.file.content, session.range, "storeSessionInDatabase");
  if (stored && resolvedValue(session.file.content, stored.value).trim() === "true") return [];
  const edit: Edit = stored
    ? { path: session.file.path, start: stored.valueStart, end: stored.valueEnd, text: "true" }
    : session
      ? insertion(session, "storeSessionInDatabase", "true")
      : insertion(sources[0], "session", "{ storeSessionInDatabase: true }");
  return [
    {
      file: storage.file.path,
      line: lineAt(storage.file.content, storage.prop.keyStart),
      message:
        "secondaryStorage is set but session.storeSessionInDatabase is not true: sessions are kept in the secondary storage only, so the backend never finds them in PostgreSQL and a restart of it signs everyone out",
      edits: [edit],
    },
  ];
}

/** The auth server's code reads REDIS_URL but its .env.example does not list it. */
function redisUrlListed(files: readonly ProjectFile[]): Issue[] {
  return authServerRoots(files).flatMap((root): Issue[] => {
    const example = fileAt(files, `${root}.env.example`);
    if (!example || envValue(example, "REDIS_URL")) return [];
    const reads = filesUnder(files, root, JS_SOURCE).some((f) => !isTestFile(f.path) && /\bREDIS_URL\b/.test(maskJsComments(f.content)));
    if (!reads) return [];
    const body = example.content.endsWith("\n") || example.content === "" ? "" : "\n";
    return [
      {
        file: example.path,
        line: 1,
        message: "The auth server reads REDIS_URL (Redis storage) but .env.example does not list it: a new instance would not start",
        edits: [{ path: example.path, start: example.content.length, end: example.content.length, text: `${body}${EXAMPLE_REDIS_URL}\n` }],
      },
    ];
  });
}

const usesSecondaryStorage = (files: readonly ProjectFile[]) => /\bsecondaryStorage\b/.test(authOptionsText(files));

function analyse(files: readonly ProjectFile[]): Issue[] {
  const sources = authOptionSources(files);
  if (sources.length === 0 || !usesSecondaryStorage(files)) return [];
  return [...sessionsStayInDatabase(sources), ...redisUrlListed(files)];
}

export const redisStorage: Check = {
  id: "redis-storage",
  title: "Redis Storage",
  severity: "error",
  explanation:
    "With Redis as better-auth's secondary storage, sessions must stay in PostgreSQL too (session.storeSessionInDatabase: true) for a backend that looks them up there, and every instance needs REDIS_URL.",
  docs: troubleshooting("too-many-requests-429"),
  notApplicable: (files) =>
    usesSecondaryStorage(files) ? undefined : "better-auth has no secondary storage: rate-limit counters and sessions stay in the process or PostgreSQL",
  ...fromAnalysis(analyse),
};
