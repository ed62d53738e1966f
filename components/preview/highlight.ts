/**
 * Syntax highlighting, loaded only when a file is shown (it stays out of the
 * first page load). Prism's tokenizer returns a token tree that the viewer
 * turns into React elements: file content is never inserted as HTML.
 */
import Prism from "prismjs";
import "prismjs/components/prism-typescript";
import "prismjs/components/prism-python";
import "prismjs/components/prism-json";
import "prismjs/components/prism-yaml";
import "prismjs/components/prism-toml";
import "prismjs/components/prism-docker";
import "prismjs/components/prism-nginx";
import "prismjs/components/prism-markdown";
import "prismjs/components/prism-bash";
import "prismjs/components/prism-ini";
import "prismjs/components/prism-sql";

export type Token = string | { type: string; content: Token[] };

const BY_EXTENSION: Record<string, string> = {
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

export function languageOf(path: string): string | undefined {
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
export function tokenize(path: string, content: string): Token[] | undefined {
  const language = languageOf(path);
  const grammar = language ? Prism.languages[language] : undefined;
  if (!grammar) return undefined;
  return Prism.tokenize(content, grammar).map(simplify);
}
