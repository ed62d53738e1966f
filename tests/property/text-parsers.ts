/** Every parser of untrusted text in the doctor, the diagnostics, the troubleshooter and the permalinks, by name. */
import { runDiagnostics, type ProjectFile } from "../../lib/diagnostics";
import { authOptionSources } from "../../lib/diagnostics/auth-options";
import { parseEnv, splitList } from "../../lib/diagnostics/project";
import { maskJsComments, matchingBracket, pyStructure, pythonStrings, splitJsTopLevel, splitTopLevel } from "../../lib/diagnostics/source";
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
  { name: "authOptionSources", run: (t) => authOptionSources(projectHolding(t)) },
  { name: "matchError (every troubleshooter pattern)", run: matchError },
  { name: "decodePermalink", run: decodePermalink },
  { name: "unsafePath", run: unsafePath },
  { name: "discover", run: (t) => discover(projectHolding(t)) },
  { name: "runDiagnostics with fixes", run: (t) => runDiagnostics(projectHolding(t), undefined, { fix: true }) },
];
