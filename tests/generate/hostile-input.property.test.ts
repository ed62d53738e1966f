/**
 * Property: for any valid configuration, with hostile text in every free-text
 * field, every generated source file still parses, and the hostile text lands
 * only inside string literals or comments, never in code.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parse as parseToml } from "smol-toml";
import ts from "typescript";
import { parseAllDocuments } from "yaml";
import { buildProject } from "../../lib/pipeline";
import { anyOrigin, validConfigs } from "../support/configs";
import { propertyRuns } from "../support/property-runs";

const RUNS = propertyRuns(1000);
/** Marks hostile text so its landing places can be found in the output. */
const SENTINEL = "ZQXHOSTILE";

const HOSTILE_FRAGMENTS = [
  '"',
  "'",
  "`",
  "\\",
  "\\n",
  "\n",
  "\r\n",
  "\t",
  "${process.exit(1)}",
  "{{projectName}}",
  "{{{x}}}",
  "</script>",
  "<script>alert(1)</script>",
  "*/",
  "/*",
  '"""',
  "'''",
  "#",
  "//",
  "\u2028",
  "\u2029",
  "🚀",
  "\u202e",
  "\u0000",
  "é",
  "漢字",
  "-->",
  "]]>",
  "%s",
  "$HOME",
  "; rm -rf /",
  ")",
  "}",
  "\\u0041",
];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 20 })
  .map((parts) => `${SENTINEL}${parts.join("")}${SENTINEL}`.slice(0, 280))
  .filter((text) => text.isWellFormed());

/** Common frontends (localhost, GitHub Pages) as well as any origin. */
const origin = fc.oneof(fc.constantFrom("http://localhost:3000", "http://localhost:5173", "https://me.github.io", "https://app.example.com"), anyOrigin);

// Every config has a hostile description; the other fields vary, defaults included.
const configArbitrary = validConfigs({ description: hostileText, origin }, { required: ["description"] });

type Span = [start: number, end: number];

function sentinelOutside(text: string, spans: Span[]): number | undefined {
  for (let at = text.indexOf(SENTINEL); at !== -1; at = text.indexOf(SENTINEL, at + 1)) {
    if (!spans.some(([start, end]) => at >= start && at + SENTINEL.length <= end)) return at;
  }
  return undefined;
}

/** Parse errors, or hostile text outside string literals and comments, in one TypeScript file. */
function checkTypeScript(path: string, text: string): string | undefined {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (diagnostics.length > 0) return `does not parse: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, "\n")}`;
  const spans: Span[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) spans.push([node.getStart(source), node.end]);
    for (const range of [...(ts.getLeadingCommentRanges(text, node.pos) ?? []), ...(ts.getTrailingCommentRanges(text, node.end) ?? [])]) {
      spans.push([range.pos, range.end]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const outside = sentinelOutside(text, spans);
  return outside === undefined ? undefined : `hostile text in code at offset ${outside}`;
}

const PYTHON_CHECK = `
import ast, io, json, sys, tokenize
SENTINEL = ${JSON.stringify(SENTINEL)}
failures = {}
for path, text in json.load(sys.stdin).items():
    try:
        ast.parse(text, path)
    except SyntaxError as error:
        failures[path] = f"does not parse: {error}"
        continue
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    spans = [
        (offsets[t.start[0] - 1] + t.start[1], offsets[t.end[0] - 1] + t.end[1])
        for t in tokenize.generate_tokens(io.StringIO(text).readline)
        if t.type in (tokenize.STRING, tokenize.COMMENT)
    ]
    at = text.find(SENTINEL)
    while at != -1:
        if not any(start <= at and at + len(SENTINEL) <= end for start, end in spans):
            failures[path] = f"hostile text in code at offset {at}"
            break
        at = text.find(SENTINEL, at + 1)
print(json.dumps(failures))
`;

function keysWithSentinel(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysWithSentinel);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => [...(key.includes(SENTINEL) ? [key] : []), ...keysWithSentinel(inner)]);
  }
  return [];
}

function checkData(path: string, text: string): string | undefined {
  let data: unknown;
  try {
    if (path.endsWith(".json")) data = JSON.parse(text);
    else if (path.endsWith(".toml")) data = parseToml(text);
    else {
      const documents = parseAllDocuments(text);
      const errors = documents.flatMap((d) => d.errors);
      if (errors.length > 0) return `does not parse: ${errors[0].message}`;
      data = documents.map((d) => d.toJS());
    }
  } catch (error) {
    return `does not parse: ${(error as Error).message}`;
  }
  const keys = keysWithSentinel(data);
  return keys.length > 0 ? `hostile text became a key: ${JSON.stringify(keys[0])}` : undefined;
}

const TEXT_ONLY = /\.md$/;

describe(`generated files for ${RUNS} random configs with hostile text`, () => {
  it("parse, and keep hostile text inside strings and comments", () => {
    // Many configs share files byte for byte: check each distinct content once.
    const distinct = new Map<string, string>();
    let configs = 0;
    fc.assert(
      fc.property(configArbitrary, (config) => {
        configs++;
        for (const file of buildProject(config).files) {
          if (!distinct.has(file.content)) distinct.set(file.content, file.path);
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? 20261124) },
    );
    assert.equal(configs, RUNS);

    const failures: string[] = [];
    const python: Record<string, string> = {};
    let counter = 0;
    for (const [text, path] of distinct) {
      const label = `${path} (variant ${counter++})`;
      let problem: string | undefined;
      if (/\.(?:ts|tsx|mts)$/.test(path)) problem = checkTypeScript(path, text);
      else if (path.endsWith(".py")) python[label] = text;
      else if (/\.(?:json|ya?ml|toml)$/.test(path)) problem = checkData(path, text);
      else if (TEXT_ONLY.test(path)) problem = /<\/?script/i.test(text) ? "raw <script> in Markdown" : undefined;
      else if (text.includes(SENTINEL)) problem = "free text reached a file with no encoder for it";
      if (problem) failures.push(`${label}: ${problem}`);
    }
    const pythonFailures = JSON.parse(execFileSync("python3", ["-c", PYTHON_CHECK], { input: JSON.stringify(python), encoding: "utf8", maxBuffer: 1 << 28 }));
    for (const [label, problem] of Object.entries(pythonFailures as Record<string, string>)) failures.push(`${label}: ${problem}`);

    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} files failed`);
    console.log(`checked ${distinct.size} distinct files from ${RUNS} configs (${Object.keys(python).length} Python)`);
  });
});
