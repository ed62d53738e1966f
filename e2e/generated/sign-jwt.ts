/**
 * Signs JWTs with a generated auth server's real key, through its own
 * `auth.api.signJWT` (server-only), so the backend's issuer, audience and
 * expiry checks can be tested with tokens whose signature is valid.
 *
 *   node --import tsx sign-jwt.ts <auth.config.ts> '<{"name": payload, …}>'
 *
 * Runs in its own process with the service's environment; prints one line
 * `SIGNED {"name": token, …}`.
 */
import { pathToFileURL } from "node:url";

const [configPath, payloads] = process.argv.slice(2);
const { auth } = await import(pathToFileURL(configPath).href);
const tokens: Record<string, string> = {};
for (const [name, payload] of Object.entries(JSON.parse(payloads) as Record<string, object>)) {
  const result = await auth.api.signJWT({ body: { payload } });
  tokens[name] = result.token;
}
console.log(`SIGNED ${JSON.stringify(tokens)}`);
process.exit(0);
