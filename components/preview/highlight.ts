/**
 * Syntax highlighting, loaded only when a file is shown (it stays out of the
 * first page load). Prism's tokenizer returns a token tree that the viewer
 * turns into React elements: file content is never inserted as HTML.
 */
import Prism from "prismjs";

export type Token = string | { type: string; content: Token[] };

/** A file's tokens made ahead (the server highlights the snapshot's first file), so showing it loads no highlighter. */
export type PreparedTokens = { path: string; content: string; tokens: Token[] | undefined };

/**
 * Each language's grammar, loaded the first time a file in it is shown, so
 * the first file costs Prism's core and one grammar. Prism's core carries
 * JavaScript itself; TypeScript and Markdown build on grammars of the core.
 */
const GRAMMARS = {
  typescript: () => import("prismjs/components/prism-typescript"),
  javascript: () => Promise.resolve(),
  python: () => import("prismjs/components/prism-python"),
  json: () => import("prismjs/components/prism-json"),
  yaml: () => import("prismjs/components/prism-yaml"),
  toml: () => import("prismjs/components/prism-toml"),
  docker: () => import("prismjs/components/prism-docker"),
  nginx: () => import("prismjs/components/prism-nginx"),
  markdown: () => import("prismjs/components/prism-markdown"),
  bash: () => import("prismjs/components/prism-bash"),
  ini: () => import("prismjs/components/prism-ini"),
  sql: () => import("prismjs/components/prism-sql"),
} satisfies Record<string, () => Promise<unknown>>;

type Language = keyof typeof GRAMMARS;

const BY_EXTENSION: Record<string, Language> = {
  ts: "typescript",
  mts: "typescript",
  js: "javascript",
  mjs: "javascript",
  py: "python",
  json: "json",
  yaml: "yaml",
  yml: "yaml",
  toml: "toml",
  md: "markdown",
  conf: "nginx",
  sh: "bash",
  ini: "ini",
  cfg: "ini",
  sql: "sql",
  prisma: "typescript",
};

export function languageOf(path: string): Language | undefined {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (name === "Dockerfile" || name.endsWith(".Dockerfile")) return "docker";
  if (name.startsWith(".env")) return "bash";
  if (name === "nginx.conf") return "nginx";
  return BY_EXTENSION[name.slice(name.lastIndexOf(".") + 1)];
}

function simplify(token: string | Prism.Token): Token {
  if (typeof token === "string") return token;
  const content = Array.isArray(token.content) ? token.content.map(simplify) : [simplify(token.content)];
  return { type: token.type, content };
}

/** The file as tokens, or undefined when its language is not known. */
export async function tokenize(path: string, content: string): Promise<Token[] | undefined> {
  const language = languageOf(path);
  if (!language) return undefined;
  await GRAMMARS[language]();
  const grammar = Prism.languages[language];
  return grammar ? Prism.tokenize(content, grammar).map(simplify) : undefined;
}
