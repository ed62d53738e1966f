/** Every parser of untrusted text in the doctor, the diagnostics, the troubleshooter and the permalinks, by name. */
import { runDiagnostics, type ProjectFile } from "../../lib/diagnostics";
import { authOptionSources } from "../../lib/diagnostics/auth-options";
import { parseEnv, splitList } from "../../lib/diagnostics/project";
import { identityMap, maskJsComments, matchingBracket, pyStructure, pythonStrings, splitJsTopLevel, splitTopLevel } from "../../lib/diagnostics/source";
import { registrations } from "../../lib/diagnostics/checks/routes";
import { ormTables } from "../../lib/diagnostics/checks/schema/orm";
import { prismaTables } from "../../lib/diagnostics/checks/schema/prisma";
import { pythonTables, sqlTables } from "../../lib/diagnostics/checks/schema/python-tables";
import { queriesIn } from "../../lib/diagnostics/checks/schema/sql-usage";
import { discover } from "../../lib/doctor/discover";
import { unsafePath } from "../../lib/doctor/read";
import { decodePermalink } from "../../lib/permalink";
import { matchError } from "../../lib/troubleshoot/match";

/** A project whose every checked file holds the text: the .env files, the auth server's options, the backend's code. */
function projectHolding(text: string): ProjectFile[] {
  return [
    { path: "auth-server/package.json", content: '{ "type": "module", "dependencies": { "better-auth": "1.7.0", "hono": "4" } }' },
    { path: "auth-server/.env", content: `CORS_ORIGINS=${text}` },
    { path: "auth-server/src/auth.ts", content: `export const auth = betterAuth({ ...opts, a: ${text} });\nconst opts = { b: 1 };\n${text}` },
    { path: "backend/requirements.txt", content: "fastapi\n" },
    { path: "backend/.env", content: text },
    { path: "backend/src/main.py", content: `from fastapi import FastAPI\napp = FastAPI()\n${text}` },
  ];
}

export const TEXT_PARSERS: { name: string; run: (text: string) => unknown }[] = [
  { name: "parseEnv", run: parseEnv },
  { name: "splitList", run: splitList },
  { name: "maskJsComments", run: (t) => maskJsComments(`${t}x`) },
  { name: "matchingBracket", run: (t) => matchingBracket(`(${t}`, 0) },
  { name: "pythonStrings", run: (t) => pythonStrings(`${t} `) },
  { name: "pyStructure", run: (t) => pyStructure(`${t}  `) },
  { name: "splitTopLevel", run: splitTopLevel },
  { name: "splitJsTopLevel", run: splitJsTopLevel },
  { name: "sqlTables", run: (t) => sqlTables("a.sql", t, identityMap()) },
  { name: "pythonTables", run: (t) => pythonTables({ path: "a.py", content: t }) },
  { name: "ormTables", run: (t) => ormTables({ path: "a.py", content: t }) },
  { name: "queriesIn", run: (t) => queriesIn({ path: "a.py", content: t }) },
  { name: "prismaTables", run: (t) => prismaTables({ path: "schema.prisma", content: t }) },
  { name: "registrations", run: (t) => registrations({ path: "a.ts", content: t }) },
  { name: "authOptionSources", run: (t) => authOptionSources(projectHolding(t)) },
  { name: "matchError (every troubleshooter pattern)", run: matchError },
  { name: "decodePermalink", run: decodePermalink },
  { name: "unsafePath", run: unsafePath },
  { name: "discover", run: (t) => discover(projectHolding(t)) },
  { name: "runDiagnostics with fixes", run: (t) => runDiagnostics(projectHolding(t), undefined, { fix: true }) },
];
