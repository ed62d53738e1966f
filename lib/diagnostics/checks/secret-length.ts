/**
 * Short secrets in env files: BETTER_AUTH_SECRET signs every session cookie and
 * encrypts the JWKS private keys; better-auth wants at least 32 characters.
 */
import { troubleshooting } from "../docs";
import { baseName, isEnvFile, parseEnv, setEnvValue } from "../project";
import type { Check, Finding, ProjectFile } from "../types";

const MIN_LENGTH = 32;
const SIGNING_SECRET = /^(?:BETTER_AUTH_SECRET|AUTH_SECRET|JWT_SECRET|SESSION_SECRET|SECRET_KEY|APP_SECRET|COOKIE_SECRET)$/;

function shortSecrets(file: ProjectFile) {
  return parseEnv(file.content).filter((e) => SIGNING_SECRET.test(e.key) && e.value !== "" && !/^\$\{.*\}$/.test(e.value) && e.value.length < MIN_LENGTH);
}

/** 48 random characters from the platform's CSPRNG (Web Crypto: browsers and Node alike). */
function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(36));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

const isExample = (path: string) => /\.(?:example|sample|template)$/.test(baseName(path));

export const secretLength: Check = {
  id: "secret-length",
  title: "Secret Length",
  severity: "error",
  explanation:
    "BETTER_AUTH_SECRET signs session cookies and encrypts the JWT signing keys. Fewer than 32 random characters can be guessed; generate one with `openssl rand -base64 32`.",
  docs: troubleshooting("secrets-and-startup-errors"),
  check: (files) =>
    files
      .filter((f) => isEnvFile(f.path))
      .flatMap((file) =>
        shortSecrets(file).map((e): Finding => ({
          file: file.path,
          line: e.line,
          message: `${e.key} is ${e.value.length} characters long; use at least ${MIN_LENGTH} random characters`,
        })),
      ),
  fix: (files) =>
    files
      .filter((f) => isEnvFile(f.path) && shortSecrets(f).length > 0)
      .map((file) => ({
        path: file.path,
        // Examples get an empty value (to be filled per environment), real env files a fresh secret.
        content: shortSecrets(file).reduce((content, e) => setEnvValue(content, e.key, isExample(file.path) ? "" : randomSecret()), file.content),
      })),
};
