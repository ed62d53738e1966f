/**
 * The file the preview shows until the user picks one: the better-auth
 * configuration, the file most answers change (sign-in methods, the jwt
 * plugin of JWT validation, rate limits). Kept apart so the page's snapshot
 * and the preview agree without the page loading the generator.
 */
const FIRST_FILES = ["auth-server/src/auth/auth.config.ts", "README.md"];

export function firstFile(paths: readonly string[]): string | null {
  const present = new Set(paths);
  return FIRST_FILES.find((path) => present.has(path)) ?? paths[0] ?? null;
}
