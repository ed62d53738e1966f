/**
 * Origin patterns of an organization policy: an origin in which `*` stands for
 * exactly one DNS label (`https://*.corp.example`) or for a port
 * (`http://localhost:*`). Matching compares parts, never builds a regular
 * expression from the pattern, so it is linear in the input.
 */
import { isOrigin } from "./options";

type Parts = { scheme: string; labels: string[]; port: string | undefined };

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const PORT = /^\d{1,5}$/;

function partsOf(origin: string): Parts | undefined {
  const schemeEnd = origin.indexOf("://");
  if (schemeEnd < 0) return undefined;
  const rest = origin.slice(schemeEnd + 3);
  // An IP literal in brackets is one label, so its colons are not a port separator.
  const portStart = rest.startsWith("[") ? rest.indexOf(":", rest.indexOf("]")) : rest.lastIndexOf(":");
  const host = portStart < 0 ? rest : rest.slice(0, portStart);
  const port = portStart < 0 ? undefined : rest.slice(portStart + 1);
  return { scheme: origin.slice(0, schemeEnd), labels: host.startsWith("[") ? [host] : host.split("."), port };
}

/** Why `pattern` is not an origin pattern, or undefined when it is one. */
export function originPatternProblem(pattern: string): string | undefined {
  const parts = partsOf(pattern);
  if (!parts) return "an origin pattern is scheme://host[:port]";
  const partial = (part: string) => part.includes("*") && part !== "*";
  if (parts.labels.some(partial) || (parts.port !== undefined && partial(parts.port)) || parts.scheme.includes("*")) {
    return "`*` may only stand for a whole DNS label or for the port";
  }
  // A stand-in for each `*` must give a valid origin: that checks every other character.
  const host = parts.labels.map((label) => (label === "*" ? "a" : label)).join(".");
  const port = parts.port === undefined ? "" : `:${parts.port === "*" ? "1024" : parts.port}`;
  if (!isOrigin(`${parts.scheme}://${host}${port}`)) return "an origin pattern is scheme://host[:port] in lowercase, with no path";
  return undefined;
}

/** True when `origin` matches `pattern` (see the module comment). */
export function matchesOriginPattern(origin: string, pattern: string): boolean {
  const have = partsOf(origin);
  const want = partsOf(pattern);
  if (!have || !want || have.scheme !== want.scheme || have.labels.length !== want.labels.length) return false;
  const labelsMatch = want.labels.every((label, i) => (label === "*" ? LABEL.test(have.labels[i]) : label === have.labels[i]));
  const portMatches = want.port === "*" ? have.port !== undefined && PORT.test(have.port) : want.port === have.port;
  return labelsMatch && portMatches;
}
