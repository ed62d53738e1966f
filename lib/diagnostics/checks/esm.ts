/**
 * better-auth ships only ES modules and the auth server uses top-level await:
 * its package.json needs "type": "module" and its tsconfig must not compile
 * to CommonJS.
 */
import { troubleshooting } from "../docs";
import { authServerRoots, fileAt, lineAt } from "../project";
import type { Check, Finding, ProjectFile } from "../types";

const COMMONJS = /"module"\s*:\s*"(commonjs|amd|umd|system)"/i;

function packageFinding(pkg: ProjectFile): Finding | undefined {
  const type = /"type"\s*:\s*"([^"]*)"/.exec(pkg.content);
  if (type?.[1] === "module") return undefined;
  return {
    file: pkg.path,
    line: type ? lineAt(pkg.content, type.index) : 1,
    message: type ? `"type" is "${type[1]}": better-auth needs "type": "module"` : `"type": "module" is missing: better-auth is ESM-only`,
  };
}

function tsconfigFinding(tsconfig: ProjectFile | undefined): Finding | undefined {
  const match = tsconfig && COMMONJS.exec(tsconfig.content);
  if (!tsconfig || !match) return undefined;
  return {
    file: tsconfig.path,
    line: lineAt(tsconfig.content, match.index),
    message: `"module": "${match[1]}" compiles to CommonJS: use "ESNext" (or "NodeNext")`,
  };
}

function fixPackage(pkg: ProjectFile): ProjectFile {
  if (/"type"\s*:/.test(pkg.content)) {
    return { path: pkg.path, content: pkg.content.replace(/"type"\s*:\s*"[^"]*"/, '"type": "module"') };
  }
  const indent = /\n([ \t]+)"/.exec(pkg.content)?.[1] ?? "  ";
  const afterBrace = pkg.content.indexOf("{") + 1;
  // After "name"/"version" when they open the file, as npm writes it; else first.
  const anchor = /^\{\s*\n(?:[ \t]*"(?:name|version|private)"\s*:[^\n]*,\n)*/.exec(pkg.content);
  const at = anchor ? anchor[0].length : afterBrace;
  const entry = anchor ? `${indent}"type": "module",\n` : `\n${indent}"type": "module",`;
  return { path: pkg.path, content: pkg.content.slice(0, at) + entry + pkg.content.slice(at) };
}

function fixTsconfig(tsconfig: ProjectFile): ProjectFile {
  const nodeNext = /"moduleResolution"\s*:\s*"node(?:16|next)"/i.test(tsconfig.content);
  return { path: tsconfig.path, content: tsconfig.content.replace(COMMONJS, `"module": "${nodeNext ? "NodeNext" : "ESNext"}"`) };
}

export const esm: Check = {
  id: "esm",
  title: "ESM Compatibility",
  severity: "error",
  explanation:
    'better-auth is published only as ES modules. Without "type": "module" (or with a CommonJS tsconfig) the auth server fails with ERR_REQUIRE_ESM or a top-level await error.',
  docs: troubleshooting("esm-module-errors"),
  check(files) {
    return authServerRoots(files).flatMap((root) => {
      const pkg = fileAt(files, `${root}package.json`)!;
      return [packageFinding(pkg), tsconfigFinding(fileAt(files, `${root}tsconfig.json`))].filter((f): f is Finding => !!f);
    });
  },
  fix(files) {
    return authServerRoots(files).flatMap((root) => {
      const pkg = fileAt(files, `${root}package.json`)!;
      const tsconfig = fileAt(files, `${root}tsconfig.json`);
      return [packageFinding(pkg) && fixPackage(pkg), tsconfigFinding(tsconfig) && fixTsconfig(tsconfig!)].filter((f): f is ProjectFile => !!f);
    });
  },
};
