/**
 * The app's dependency file: which one, in which style, and the FastAPI and
 * pydantic versions it allows. Only what integration needs is parsed: the
 * requirement lines of requirements*.txt, PEP 621 `dependencies`, and
 * Poetry's `[tool.poetry.dependencies]` table.
 */
import type { Dependencies, DependencyManager } from "./types";

export type TextFile = { path: string; text: string };

type Requirement = { name: string; specifier: string };

const REQUIREMENT = /^\s*([A-Z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*([^;#]*)/i;

export const normalizeName = (name: string) => name.toLowerCase().replace(/[._]+/g, "-");

function parseRequirement(line: string): Requirement | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith("#") || trimmed.startsWith("-")) return undefined;
  const match = REQUIREMENT.exec(trimmed);
  return match ? { name: normalizeName(match[1]), specifier: match[2].trim() } : undefined;
}

/** The `dependencies = [ ... ]` array of `[project]`, as requirement strings. */
export function pep621Dependencies(pyproject: string): { entries: string[]; start: number; end: number } | undefined {
  const project = /^\[project\]\s*$/m.exec(pyproject);
  if (!project) return undefined;
  const rest = pyproject.slice(project.index);
  const nextTable = /^\[(?!project\])/m.exec(rest.slice(1));
  const section = nextTable ? rest.slice(0, nextTable.index + 1) : rest;
  const head = /^dependencies\s*=\s*\[/m.exec(section);
  if (!head) return undefined;
  const start = project.index + head.index;
  const end = closingBracket(pyproject, start + head[0].length);
  const entries = [...pyproject.slice(start + head[0].length, end).matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);
  return { entries, start, end: end + 1 };
}

/** The index of the `]` closing an array whose contents start at `from`, skipping brackets inside strings (`"uvicorn[standard]"`). */
function closingBracket(text: string, from: number): number {
  let quote = "";
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") i = text.indexOf("\n", i) === -1 ? text.length : text.indexOf("\n", i);
    else if (c === "]") return i;
  }
  return text.length;
}

/** Poetry's `[tool.poetry.dependencies]` as name → version constraint. */
function poetryDependencies(pyproject: string): Requirement[] | undefined {
  const table = /^\[tool\.poetry\.dependencies\][^\S\n\r\u2028\u2029]*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(pyproject);
  if (!table) return undefined;
  return [...table[1].matchAll(/^([A-Za-z0-9][\w.-]*)\s*=\s*(?:"([^"]*)"|\{[^}]*version\s*=\s*"([^"]*)")/gm)].map((m) => ({
    name: normalizeName(m[1]),
    specifier: poetryToPep440(m[2] ?? m[3] ?? ""),
  }));
}

/** `^0.110` → `>=0.110`, `~0.99` → `>=0.99`: only the lower bound matters here. */
function poetryToPep440(constraint: string): string {
  const bare = constraint.trim();
  if (bare === "*" || bare === "") return "";
  if (/^[\^~]/.test(bare)) return `>=${bare.replace(/^[\^~]=?/, "")}`;
  if (/^\d/.test(bare)) return `==${bare}`;
  return bare;
}

/** The lowest version a PEP 440 specifier allows, or undefined when it has no lower bound. */
export function lowestAllowed(specifier: string): string | undefined {
  let lowest: string | undefined;
  for (const clause of specifier.split(",")) {
    const match = /^\s*(?:===|==|>=|~=|>)\s*(\d[0-9.]*)/.exec(clause);
    if (!match) continue;
    const version = match[1].replace(/\.$/, "");
    if (!lowest || compareVersions(version, lowest) > 0) lowest = version;
  }
  return lowest;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function requirementsFiles(files: readonly TextFile[]): TextFile[] {
  // requirements.txt first, then the other variants (requirements-dev.txt, requirements/base.txt).
  const candidates = files.filter((f) => /^requirements[^/]*\.txt$/.test(f.path) || /^requirements\/[^/]+\.txt$/.test(f.path));
  return candidates.sort((a, b) => rank(a.path) - rank(b.path) || (a.path < b.path ? -1 : 1));
}

const rank = (path: string) => (path === "requirements.txt" ? 0 : /dev|test/.test(path) ? 2 : 1);

function fromRequirements(files: readonly TextFile[]): { file: string; requirements: Requirement[] } | undefined {
  const found = requirementsFiles(files);
  if (found.length === 0) return undefined;
  return {
    file: found[0].path,
    requirements: found.flatMap((f) =>
      f.text
        .split("\n")
        .map(parseRequirement)
        .filter((r) => r !== undefined),
    ),
  };
}

export function discoverDependencies(files: readonly TextFile[]): Dependencies | undefined {
  const pyproject = files.find((f) => f.path === "pyproject.toml");
  let manager: DependencyManager | undefined;
  let file = "";
  let requirements: Requirement[] = [];
  const pep621 = pyproject && pep621Dependencies(pyproject.text);
  const poetry = pyproject && poetryDependencies(pyproject.text);
  if (pyproject && pep621) {
    manager = /^\[tool\.uv\b/m.test(pyproject.text) || files.some((f) => f.path === "uv.lock") ? "uv" : "pep621";
    file = pyproject.path;
    requirements = pep621.entries.map(parseRequirement).filter((r) => r !== undefined);
  } else if (pyproject && poetry) {
    manager = "poetry";
    file = pyproject.path;
    requirements = poetry;
  } else {
    const found = fromRequirements(files);
    if (!found) return undefined;
    manager = "requirements";
    file = found.file;
    requirements = found.requirements;
  }
  const spec = (name: string) => requirements.find((r) => r.name === name)?.specifier;
  const fastapi = spec("fastapi");
  const pydantic = spec("pydantic");
  const pydanticLowest = pydantic === undefined ? undefined : lowestAllowed(pydantic);
  const pinsPydantic1 = pydanticLowest !== undefined && pydanticLowest.startsWith("1") && /<\s*2|==\s*1|~=\s*1/.test(pydantic ?? "");
  const hasPydantic2Packages = requirements.some((r) => r.name === "pydantic-settings" || r.name === "sqlmodel");
  const fastapiLowest = fastapi === undefined ? undefined : lowestAllowed(fastapi);
  // FastAPI below 0.100 requires pydantic 1; from 0.100 pydantic 2 is what pip installs.
  const pydanticMajor: 1 | 2 =
    pinsPydantic1 ||
    (!hasPydantic2Packages && fastapi !== undefined && /^==/.test(fastapi.trim()) && fastapiLowest !== undefined && compareVersions(fastapiLowest, "0.100") < 0)
      ? 1
      : 2;
  return {
    file,
    manager,
    fastapi: fastapi || undefined,
    fastapiLowest,
    pydantic: pydantic || undefined,
    pydanticMajor,
    packages: requirements.map((r) => r.name),
  };
}
