/**
 * Frontend origins as each service sees them, per environment file: the auth
 * server's CORS_ORIGINS (or TRUSTED_ORIGINS) and the backend's CORS_ORIGINS.
 */
import { authServerRoots, backendRoots, baseName, isEnvFile, isUnder, parseEnv, splitList, type EnvEntry } from "./project";
import type { ProjectFile } from "./types";

const ORIGIN_KEYS = ["CORS_ORIGINS", "TRUSTED_ORIGINS", "ALLOWED_ORIGINS", "FRONTEND_ORIGINS", "FRONTEND_ORIGIN", "FRONTEND_URL"];

export type EnvOrigins = { file: ProjectFile; entry: EnvEntry; origins: string[] };

export function envFilesUnder(files: readonly ProjectFile[], root: string): ProjectFile[] {
  return files.filter((f) => isEnvFile(f.path) && isUnder(f.path, root) && !f.path.slice(root.length).includes("/"));
}

export function originsIn(file: ProjectFile): EnvOrigins | undefined {
  const entries = parseEnv(file.content);
  for (const key of ORIGIN_KEYS) {
    const entry = entries.find((e) => e.key === key);
    if (entry && entry.value !== "") return { file, entry, origins: splitList(entry.value) };
  }
  return undefined;
}

/** Pairs of env files of the same kind (".env.example" with ".env.example") in the auth server and the backend. */
export function envPairs(files: readonly ProjectFile[]): { auth: ProjectFile; backend: ProjectFile }[] {
  const pairs: { auth: ProjectFile; backend: ProjectFile }[] = [];
  for (const authRoot of authServerRoots(files)) {
    for (const backendRoot of backendRoots(files)) {
      if (authRoot === backendRoot) continue;
      for (const auth of envFilesUnder(files, authRoot)) {
        const backend = envFilesUnder(files, backendRoot).find((b) => baseName(b.path) === baseName(auth.path));
        if (backend) pairs.push({ auth, backend });
      }
    }
  }
  return pairs;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined;
  }
}

/** The registrable part of a host, roughly: the last two labels ("app.example.com" → "example.com"). */
export const siteOf = (origin: string) => (hostOf(origin) ?? "").split(".").slice(-2).join(".");

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
