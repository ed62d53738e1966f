/**
 * Secrets written into source code: they end up in git history, in every
 * clone and in the deployed bundle. They belong in environment variables.
 */
import { troubleshooting } from "../docs";
import { type Edit, fromAnalysis, type Issue } from "../edits";
import { envFilesUnder } from "../origins";
import { authServerRoots, backendRoots, dirOf, isTestFile, isUnder, lineAt, parseEnv, PY_SOURCE, sourceFiles } from "../project";
import type { Check, ProjectFile } from "../types";

const SECRET_KEY = /(?:secret|api_?key|private_?key|password|passwd|access_?token|auth_?token)$/i;
const PLACEHOLDER = /change|example|your[-_ ]|placeholder|dummy|xxx|todo|replace|<|\$\{|\{\{|^\*+$|^test|^fake|^sample/i;
const KNOWN_TOKENS =
  /\b(sk_live_[0-9A-Za-z]{16,}|rk_live_[0-9A-Za-z]{16,}|gh[pousr]_[0-9A-Za-z]{30,}|AKIA[0-9A-Z]{16}|xox[abpr]-[0-9A-Za-z-]{10,}|GOCSPX-[\w-]{20,}|SG\.[\w-]{16,}\.[\w-]{16,})|-----BEGIN (?:RSA |EC |OPENSSH )?PRIVATE KEY-----/;
const CONNECTION_PASSWORD = /\b(postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis):\/\/[^:/\s"'@]+:([^@\s"'/]+)@([^/:\s"']+)/;

/** `key: "literal"` (JS) or `key = "literal"` (Python), with the literal's position. */
const ASSIGNMENT = /\b([A-Z_]\w*)\s*[:=]\s*(["'`])([^"'`\n]{8,})\2/gi;
/** process.env.X ?? "literal", os.getenv("X", "literal"), os.environ.get("X", "literal"). */
const ENV_FALLBACK =
  /(process\.env\.(\w+)\s*(?:\?\?|\|\|)\s*)(["'`])([^"'`\n]{8,})\3|os\.(?:getenv|environ\.get)\(\s*["'](\w+)["']\s*,\s*(["'])([^"'\n]{8,})\6\s*\)/g;

/** Words people write where a real password goes in examples and messages. */
const STAND_INS = /^(?:password|passwd|pass|pwd|secret|postgres|root|admin|user)$/i;
const looksSecret = (value: string) => !PLACEHOLDER.test(value) && !STAND_INS.test(value) && !/^(?:https?:|\/|\.\/)/.test(value) && !/\s/.test(value);
const upperSnake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

function envName(key: string, code: string, offset: number): string {
  if (key === "secret") return /betterAuth\s*\(/.test(code) ? "BETTER_AUTH_SECRET" : "SECRET";
  const provider = /\b(google|github|discord|apple|microsoft|gitlab)\s*:\s*\{[^{}]*$/.exec(code.slice(Math.max(0, offset - 300), offset));
  return provider ? `${provider[1].toUpperCase()}_${upperSnake(key)}` : upperSnake(key);
}

/** BETTER_AUTH_SECRET → betterAuthSecret: the field name a checked env module gives a variable. */
const camelCase = (name: string) => name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The project's own env module (`export const env`, validated at startup) when it
 * reads this variable into a field of that name: the fix then uses it, so the
 * value keeps the module's checks instead of bypassing them through process.env.
 */
function envModuleField(files: readonly ProjectFile[], file: ProjectFile, name: string): { module: ProjectFile; field: string } | undefined {
  if (PY_SOURCE.test(file.path)) return undefined;
  const field = camelCase(name);
  const module = sourceFiles(files, /(^|\/)src\/config\/env\.ts$/).find(
    (m) =>
      m.path !== file.path &&
      /\bexport const env\b/.test(m.content) &&
      new RegExp(`^\\s*${field}\\s*:`, "m").test(m.content) &&
      m.content.includes(`"${name}"`),
  );
  return module && { module, field };
}

/** The import specifier of `module` from `file`, in the project's ESM style (`../config/env.js`). */
function importPath(file: string, module: string): string {
  const from = dirOf(file).split("/").filter(Boolean);
  const to = module.replace(/\.ts$/, ".js").split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const relative = [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

function envImportEdit(file: ProjectFile, module: ProjectFile): Edit[] {
  if (/^import\s*\{[^}]*\benv\b[^}]*\}\s*from/m.test(file.content)) return [];
  return [{ path: file.path, start: 0, end: 0, text: `import { env } from "${importPath(file.path, module.path)}";\n` }];
}

/** How the fixed code reads the variable, with the edits that reference needs. */
function envReference(files: readonly ProjectFile[], file: ProjectFile, name: string): { text: string; edits: Edit[] } {
  if (PY_SOURCE.test(file.path)) return { text: `os.environ[${JSON.stringify(name)}]`, edits: [...importOsEdit(file), ...envExampleEdits(files, file, name)] };
  const own = envModuleField(files, file, name);
  if (own) return { text: `env.${own.field}`, edits: envImportEdit(file, own.module) };
  return { text: `process.env.${name}`, edits: envExampleEdits(files, file, name) };
}

/** Python files need `import os` for the replacement. */
function importOsEdit(file: ProjectFile): Edit[] {
  if (!PY_SOURCE.test(file.path) || /^[^\S\n\r\u2028\u2029]*import os\b/m.test(file.content)) return [];
  const docstring = /^(?:\s*("""|''')[\s\S]*?\1\s*\n)?/.exec(file.content)![0];
  return [{ path: file.path, start: docstring.length, end: docstring.length, text: "import os\n" }];
}

/** Adds NAME= to the service's .env.example so the variable is documented. */
function envExampleEdits(files: readonly ProjectFile[], file: ProjectFile, name: string): Edit[] {
  const root = [...authServerRoots(files), ...backendRoots(files)].find((r) => isUnder(file.path, r)) ?? dirOf(file.path);
  const example = envFilesUnder(files, root).find((f) => f.path.endsWith(".env.example"));
  if (!example || parseEnv(example.content).some((e) => e.key === name)) return [];
  const end = example.content.length;
  return [{ path: example.path, start: end, end, text: `${example.content.endsWith("\n") || end === 0 ? "" : "\n"}${name}=\n` }];
}

function scan(files: readonly ProjectFile[], file: ProjectFile): Issue[] {
  const code = file.content;
  const issues: Issue[] = [];
  const claimed: number[] = [];
  const at = (offset: number) => lineAt(code, offset);
  for (const m of code.matchAll(ENV_FALLBACK)) {
    const name = m[2] ?? m[5];
    const value = m[4] ?? m[7];
    if (!SECRET_KEY.test(name) || !looksSecret(value)) continue;
    const start = m.index;
    claimed.push(start + m[0].indexOf(value));
    const replacement = m[1] ? `process.env.${m[2]}` : `os.environ[${JSON.stringify(name)}]`;
    issues.push({
      file: file.path,
      line: at(start),
      message: `${name} falls back to a secret written in the code: remove the fallback so a missing variable fails loudly`,
      edits: [{ path: file.path, start, end: start + m[0].length, text: replacement }, ...importOsEdit(file)],
    });
  }
  for (const m of code.matchAll(ASSIGNMENT)) {
    const [, key, , value] = m;
    const valueStart = m.index + m[0].lastIndexOf(value) - 1;
    if (!SECRET_KEY.test(key) || !looksSecret(value) || claimed.includes(valueStart + 1)) continue;
    const name = envName(key, code, m.index);
    const reference = envReference(files, file, name);
    claimed.push(valueStart + 1);
    issues.push({
      file: file.path,
      line: at(m.index),
      message: `${key} is a secret written in the code: read it from the environment (${name})`,
      edits: [{ path: file.path, start: valueStart, end: valueStart + value.length + 2, text: reference.text }, ...reference.edits],
    });
  }
  for (const pattern of [KNOWN_TOKENS, CONNECTION_PASSWORD]) {
    const m = pattern.exec(code);
    if (!m || claimed.some((c) => c >= m.index - 1 && c <= m.index + m[0].length)) continue;
    if (pattern === CONNECTION_PASSWORD && (!looksSecret(m[2]) || /^(?:localhost|127\.0\.0\.1|db|postgres)$/.test(m[3]))) continue;
    issues.push({
      file: file.path,
      line: at(m.index),
      message:
        pattern === KNOWN_TOKENS ? "A credential (API token or private key) is written in the code" : "A database URL with its password is written in the code",
    });
  }
  return issues;
}

function analyse(files: readonly ProjectFile[]): Issue[] {
  return sourceFiles(files, /\.(ts|tsx|mts|cts|js|mjs|cjs|py)$/)
    .filter((f) => !isTestFile(f.path))
    .flatMap((f) => scan(files, f));
}

export const hardcodedSecrets: Check = {
  id: "hardcoded-secrets",
  title: "Hardcoded Secrets",
  severity: "error",
  explanation:
    "A secret in source code is in every clone, every fork and the git history forever. Read secrets from environment variables and keep real values out of the repository.",
  docs: troubleshooting("secrets-and-startup-errors"),
  ...fromAnalysis(analyse),
};
