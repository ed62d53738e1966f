/**
 * `npm run bundle-analysis`: where the bytes of the browser's scripts go.
 * Builds the app with browser source maps into its own folder
 * (SIDECAR_SKIP_BUILD=1 reuses that build), then, for each script named on
 * the command line or else every chunk, attributes its bytes to the source
 * modules the source map says they came from. The gzipped share of a module is
 * its share of the chunk's raw bytes applied to the chunk's gzipped size: an
 * estimate, good for ranking, summed exactly per chunk.
 *
 *   npm run bundle-analysis -- [chunk file names…]
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "../e2e/support/server";

const DIST_DIR = ".cache/next-maps";
const CHUNKS = join(ROOT, DIST_DIR, "static/chunks");
const TOP = 12;

type SourceMap = { sources: string[]; mappings: string };

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The numbers of one source-map segment (base64 VLQ). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Raw bytes of `code` per source, from the start of each mapped segment to the next one. */
function bytesPerSource(code: string, map: SourceMap): Map<string, number> {
  const lines = code.split("\n");
  const totals = new Map<string, number>();
  const add = (source: string, bytes: number) => totals.set(source, (totals.get(source) ?? 0) + bytes);
  let sourceIndex = 0;
  map.mappings.split(";").forEach((segments, lineIndex) => {
    const line = lines[lineIndex] ?? "";
    let column = 0;
    let current = "(unmapped)";
    let start = 0;
    for (const segment of segments.split(",").filter(Boolean)) {
      const [columnDelta, sourceDelta] = decodeSegment(segment);
      column += columnDelta;
      add(current, Buffer.byteLength(line.slice(start, column)));
      if (sourceDelta !== undefined) {
        sourceIndex += sourceDelta;
        current = map.sources[sourceIndex] ?? "(unmapped)";
      } else current = "(unmapped)";
      start = column;
    }
    add(current, Buffer.byteLength(line.slice(start)) + 1);
  });
  return totals;
}

/** A package name for node_modules sources, the repository path otherwise. */
function moduleName(source: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (inPackage) return inPackage[1];
  return source.replace(/^.*?\[project\]\//, "").replace(/ \[.*$/, "");
}

function analyse(file: string) {
  const code = readFileSync(join(CHUNKS, file), "utf8");
  const gzipped = gzipSync(code, { level: 9 }).length;
  const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
  const mapFile = mapName && join(CHUNKS, mapName);
  if (!mapFile || !existsSync(mapFile)) return { file, gzipped, modules: [] as [string, number][] };
  const perSource = bytesPerSource(code, JSON.parse(readFileSync(mapFile, "utf8")) as SourceMap);
  const perModule = new Map<string, number>();
  for (const [source, bytes] of perSource) perModule.set(moduleName(source), (perModule.get(moduleName(source)) ?? 0) + bytes);
  const raw = Buffer.byteLength(code);
  const modules = [...perModule].map(([name, bytes]): [string, number] => [name, (bytes / raw) * gzipped]).sort((a, b) => b[1] - a[1]);
  return { file, gzipped, modules };
}

function main() {
  if (process.env.SIDECAR_SKIP_BUILD !== "1" || !existsSync(CHUNKS)) {
    console.log("building with source maps…");
    for (const [cmd, args] of [
      ["node", ["scripts/embed-templates.mjs"]],
      ["node", ["node_modules/next/dist/bin/next", "build"]],
    ] as const) {
      const env = { ...process.env, SIDECAR_DIST_DIR: DIST_DIR, SIDECAR_SOURCE_MAPS: "1", NEXT_TELEMETRY_DISABLED: "1" };
      const result = spawnSync(cmd, args, { cwd: ROOT, env, stdio: "inherit" });
      if (result.status !== 0) process.exit(result.status ?? 1);
    }
  }
  const named = process.argv.slice(2);
  const files = named.length > 0 ? named : readdirSync(CHUNKS).filter((f) => f.endsWith(".js"));
  const chunks = files.map(analyse).sort((a, b) => b.gzipped - a.gzipped);
  for (const chunk of chunks) {
    console.log(`\n${chunk.file}: ${(chunk.gzipped / 1000).toFixed(1)} kB gzipped`);
    for (const [name, kB] of chunk.modules.slice(0, TOP)) console.log(`  ${(kB / 1000).toFixed(1).padStart(6)} kB  ${name}`);
    const rest = chunk.modules.slice(TOP).reduce((sum, [, bytes]) => sum + bytes, 0);
    if (rest > 0) console.log(`  ${(rest / 1000).toFixed(1).padStart(6)} kB  ${chunk.modules.length - TOP} more`);
  }
}

main();
