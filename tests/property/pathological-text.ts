/**
 * Inputs that make super-linear text processing show: long runs of each
 * character class, and long repetitions of fragments of the patterns and
 * parsers (a prefix that starts a match and never completes it). Shared by the
 * property test and `npm run bench:text`.
 */
import { ERROR_PATTERNS } from "../../lib/troubleshoot/patterns";

export const CHARACTER_CLASSES = [
  " ",
  "\t",
  "\n",
  "\r\n",
  "a",
  "Z",
  "_",
  "0",
  "=",
  "#",
  "/",
  "*",
  "\\",
  '"',
  "'",
  "`",
  "{",
  "}",
  "(",
  "[",
  "$",
  ".",
  ",",
  "&",
  ":",
  "-",
  "\u00a0",
  "é",
];

/** Literal words of a regular expression's source: "cookie", "was blocked", … */
function literalFragments(source: string): string[] {
  return source
    .replace(/\\[dswb]/gi, " ")
    .replace(/\[[^\]]*\]|\(\?:|[()?|*+{}^$\\]/g, " ")
    .split(/\s{2,}| (?=\S)/)
    .map((w) => w.trim())
    .filter((w) => w.length >= 3);
}

const patternSources = ERROR_PATTERNS.flatMap((p) => (p.pattern instanceof RegExp ? [p.pattern] : p.pattern.flat())).map((re) => re.source);

/** Starts of blocks the schema and route checks read to their closing bracket or brace, never closed. */
export const UNCLOSED_OPENERS = ["CREATE TABLE a (", "op.create_table(", 'router.get("/', "model A {\n"];

/** Fragments that begin matches: the troubleshooter's words, and the shapes the project parsers look for. */
export const FRAGMENTS = [
  ...new Set([
    ...patternSources.flatMap(literalFragments).map((w) => `${w} `),
    "cookie was blocked ",
    "SameSite=None ",
    "jwks ",
    "A=x ",
    "A=x #",
    "export A=",
    'A="',
    "const a: T ",
    "const a = ",
    "...a, ",
    "betterAuth({ ",
    "/[",
    "`${",
    "/*",
    "a=1&",
    "v=1&db=",
    "%E0%A4",
    "~",
    '"""',
    "f'",
    "# ",
    "app = FastAPI(",
    "allow_origins=[",
    "jwt.decode(",
    "CORS_ORIGINS=[",
    "my-app/.. /",
    ...UNCLOSED_OPENERS,
    "APIRouter(",
    "prefix=",
    ".include_router(x, prefix=",
    '@router.get("',
    "class A(BaseSettings):\n",
    "__tablename__ = '",
    'op.create_table("',
    "revision: str = ",
    "down_revision = (",
    'os.getenv("',
    "add_middleware(CORSMiddleware",
    "def create_app(",
    "    return app\n",
    "fastapi>=",
    "dependencies = [",
    '"fastapi',
    "include_object=",
    "context.configure(",
  ]),
];

/** `text` repeated (and cut) to exactly `size` characters. */
export const repeatTo = (text: string, size: number) => text.repeat(Math.ceil(size / text.length)).slice(0, size);

/** Every pathological input of one size: runs, repeated fragments, and a fragment followed by a run. */
export function pathologicalInputs(size: number): { name: string; text: string }[] {
  const inputs: { name: string; text: string }[] = [];
  for (const c of CHARACTER_CLASSES) inputs.push({ name: `run of ${JSON.stringify(c)}`, text: repeatTo(c, size) });
  for (const f of FRAGMENTS) {
    inputs.push({ name: `repeated ${JSON.stringify(f)}`, text: repeatTo(f, size) });
    inputs.push({ name: `${JSON.stringify(f)} then spaces`, text: `A=${f}${repeatTo(" ", size)}y` });
  }
  return inputs;
}
