/**
 * The generated auth server: what can be checked without running it. Running
 * it (install, migrate, start, its own tests) is e2e/generated's job.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { authSchemaFacts, authTables } from "../../lib/auth-schema";
import { resolveConfig } from "../../lib/config/resolve";
import { RATE_LIMIT_STORAGE_SPECS } from "../../lib/config/option-specs";
import { AUTH_SERVER_TARGETS, FRAMEWORKS, ORMS, parseConfig, VALIDATION_METHODS, type ConfigInput } from "../../lib/config/schema";
import { generateProject } from "../../lib/generate";
import { AUTH_SERVER_PACKAGES } from "../../lib/generate/view-model/auth-server";

function generate(input: ConfigInput) {
  const parsed = parseConfig(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  const files = new Map(generateProject(parsed.config).map((f) => [f.path, f.content]));
  const file = (path: string) => {
    const content = files.get(path);
    assert.ok(content !== undefined, `${path} is not generated`);
    return content;
  };
  return { config: resolveConfig(parsed.config), file, files };
}

/** Every framework × ORM × validation mode × deployment target. */
const VARIANTS: ConfigInput[] = FRAMEWORKS.flatMap((framework) =>
  ORMS.flatMap((orm) =>
    VALIDATION_METHODS.flatMap((validationMethod) =>
      AUTH_SERVER_TARGETS.map((authServer) => ({
        stack: { framework, orm },
        session: { validationMethod },
        deployment: { authServer },
      })),
    ),
  ),
);

describe("generated auth server", () => {
  it("pins every dependency to the one shared version table, in an ESM package", () => {
    for (const variant of VARIANTS) {
      const pkg = JSON.parse(generate(variant).file("auth-server/package.json"));
      assert.equal(pkg.type, "module");
      for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
        assert.equal(version, AUTH_SERVER_PACKAGES[name as keyof typeof AUTH_SERVER_PACKAGES], `${name} in ${JSON.stringify(variant)}`);
      }
      for (const script of ["migrate", "start", "dev", "test"]) assert.ok(pkg.scripts[script], `no ${script} script`);
    }
  });

  it("registers /api/auth/me and /api/auth/verify-token before better-auth's catch-all", () => {
    for (const framework of FRAMEWORKS) {
      const app = generate({ stack: { framework } }).file("auth-server/src/app.ts");
      const catchAll = framework === "hono" ? app.indexOf('"/api/auth/*"') : app.indexOf('"/api/auth/*splat"');
      assert.ok(catchAll > 0, `${framework}: no catch-all`);
      assert.ok(app.indexOf('"/api/auth/me"') < catchAll, `${framework}: /me after the catch-all`);
      assert.ok(app.indexOf('"/api/auth/verify-token"') < catchAll, `${framework}: verify-token after the catch-all`);
    }
    const express = generate({ stack: { framework: "express" } }).file("auth-server/src/app.ts");
    assert.doesNotMatch(express, /app\.use\(express\.json/, "a global JSON parser would consume better-auth's body");
  });

  it("configures rate limiting explicitly, with the storage the deployment needs", () => {
    for (const authServer of AUTH_SERVER_TARGETS) {
      const { config, file } = generate({ deployment: { authServer }, rateLimit: { max: 7, window: 30 } });
      const options = file("auth-server/src/auth/auth.config.ts");
      assert.match(options, /enabled: true,\s+window: 30,\s+max: 7,/);
      assert.match(options, new RegExp(`storage: "${RATE_LIMIT_STORAGE_SPECS[config.resolved.rateLimitStorage].betterAuthStorage}"`));
    }
    assert.match(generate({ deployment: { authServer: "vercel" } }).file("auth-server/src/auth/auth.config.ts"), /storage: "database"/);
  });

  it("adds the jwt plugin in JWT mode only, and the bearer plugin always", () => {
    const jwt = generate({ session: { validationMethod: "jwt" } }).file("auth-server/src/auth/auth.config.ts");
    const database = generate({ session: { validationMethod: "database" } }).file("auth-server/src/auth/auth.config.ts");
    assert.match(jwt, /\bjwt\(\{/);
    assert.doesNotMatch(database, /\bjwt\(/);
    for (const options of [jwt, database]) assert.match(options, /\bbearer\(\)/);
  });

  it("writes a Prisma model for every auth table and column of the shared table description", () => {
    for (const validationMethod of VALIDATION_METHODS) {
      for (const authServer of AUTH_SERVER_TARGETS) {
        const { config, file } = generate({ stack: { orm: "prisma" }, session: { validationMethod }, deployment: { authServer } });
        const schema = file("auth-server/prisma/schema.prisma");
        for (const table of authTables(authSchemaFacts(config))) {
          const model = new RegExp(`model \\w+ \\{([^}]*)@@map\\("${table.name}"\\)\\n\\}`).exec(schema)?.[1];
          assert.ok(model, `no model for ${table.name}`);
          for (const column of table.columns) {
            assert.match(model, new RegExp(`^  ${column.name} `, "m"), `${table.name}.${column.name}`);
          }
        }
        assert.equal((schema.match(/^model /gm) ?? []).length, authTables(authSchemaFacts(config)).length);
      }
    }
  });

  it("writes the deployment files of the chosen target only", () => {
    const vercel = generate({ deployment: { authServer: "vercel" } });
    assert.deepEqual(JSON.parse(vercel.file("auth-server/vercel.json")).rewrites, [{ source: "/(.*)", destination: "/api" }]);
    assert.match(vercel.file("auth-server/api/index.ts"), /export default handler/);
    assert.equal(vercel.files.has("auth-server/Dockerfile"), false);

    const railway = generate({ deployment: { authServer: "railway" } });
    assert.equal(JSON.parse(railway.file("auth-server/railway.json")).deploy.healthcheckPath, "/health/ready");
    assert.equal(railway.files.has("auth-server/vercel.json"), false);

    const docker = generate({ deployment: { authServer: "docker" } });
    assert.match(docker.file("auth-server/Dockerfile"), /^USER node$/m);
    assert.equal(docker.files.has("auth-server/railway.json"), false);
  });

  it("lists every variable the server reads in .env.example", () => {
    const { file } = generate({
      auth: { oauth: { providers: ["google", "github"] }, magicLink: { enabled: true } },
      rateLimit: { storage: "redis" },
    });
    const env = file("auth-server/src/config/env.ts");
    const read = new Set([...env.matchAll(/(?:required|optional)\("([A-Z_]+)"/g)].map((m) => m[1]));
    for (const provider of ["GOOGLE", "GITHUB"]) read.add(`${provider}_CLIENT_ID`).add(`${provider}_CLIENT_SECRET`);
    const example = new Set([...file("auth-server/.env.example").matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    for (const name of read) assert.ok(example.has(name), `${name} is read but not in .env.example`);
  });

  it("uses port 3001 when the frontend is http://localhost:3000, 3000 otherwise", () => {
    assert.match(generate({ cors: { origins: ["http://localhost:3000"] } }).file("auth-server/src/config/env.ts"), /DEFAULT_PORT = 3001;/);
    assert.match(generate({ cors: { origins: ["https://app.example.com"] } }).file("auth-server/src/config/env.ts"), /DEFAULT_PORT = 3000;/);
  });

  it("hands better-auth the versioned secrets, reads older-secret cookies as the current one's, and checks the signing key in JWT mode", () => {
    for (const validationMethod of VALIDATION_METHODS) {
      const { file } = generate({ session: { validationMethod } });
      assert.match(file("auth-server/src/config/env.ts"), /optional\("BETTER_AUTH_SECRETS"\)/);
      assert.match(file("auth-server/src/auth/auth.config.ts"), /^\s*secrets: env\.betterAuthSecrets,$/m);
      const handler = file("auth-server/src/http/auth-handler.ts");
      assert.match(handler, /const request = requestWithCurrentSignatures\(incoming\);/);
      assert.equal(handler.includes("checkSigningKey()"), validationMethod === "jwt");
      assert.equal(file("auth-server/src/auth/secrets.ts").includes("symmetricDecrypt"), validationMethod === "jwt");
    }
  });

  it("sets a server-side statement_timeout on direct databases, and leaves it to the role behind a transaction pooler", () => {
    const direct = generate({ database: { host: "local" } }).file("auth-server/src/db/pool.ts");
    assert.match(direct, /^\s*statement_timeout: STATEMENT_TIMEOUT_MS,$/m);
    const pooled = generate({ database: { host: "neon" } }).file("auth-server/src/db/pool.ts");
    assert.doesNotMatch(pooled, /statement_timeout: /);
    assert.match(pooled, /Set it on the database role instead/);
  });
});

describe("generated auth server with Redis rate-limit storage", () => {
  const withRedis = (variant: ConfigInput): ConfigInput => ({ ...variant, rateLimit: { storage: "redis" } });
  /** The options `npm run migrate` reads, and the instance that serves requests. */
  const parts = (authConfig: string) => {
    const at = authConfig.indexOf("export const auth = betterAuth(");
    assert.ok(at > 0, "no auth instance");
    return { options: authConfig.slice(0, at), instance: authConfig.slice(at) };
  };

  it("is never what automatic storage picks", () => {
    for (const authServer of AUTH_SERVER_TARGETS) {
      assert.notEqual(generate({ deployment: { authServer } }).config.resolved.rateLimitStorage, "redis");
    }
  });

  it("counts in Redis through better-auth's secondary storage, keeping sessions and verification tokens in PostgreSQL", () => {
    for (const variant of VARIANTS) {
      const { file } = generate(withRedis(variant));
      const { options, instance } = parts(file("auth-server/src/auth/auth.config.ts"));
      const where = JSON.stringify(variant);
      assert.match(options, /storage: "secondary-storage"/, where);
      assert.match(options, /storeSessionInDatabase: true/, where);
      assert.match(options, /verification: \{ storeInDatabase: true \}/, where);
      // Migrations read authOptions and must not need Redis; the serving instance gets it.
      assert.doesNotMatch(options, /^\s*secondaryStorage,/m, where);
      assert.match(instance, /^\s*secondaryStorage,$/m, where);
      const redis = file("auth-server/src/db/redis.ts");
      assert.match(redis, /redisStorage\(\{ client: redis, keyPrefix: "[a-z0-9-]+:" \}\)/, "keys carry the project's prefix");
      assert.match(redis, /redis\.on\("error"/, "an unhandled ioredis error event would end the process");
      assert.match(file("auth-server/src/server.ts"), /await closeRedis\(\)/);
    }
  });

  it("pins the Redis packages and requires a valid REDIS_URL at startup", () => {
    const { file } = generate(withRedis({}));
    const pkg = JSON.parse(file("auth-server/package.json"));
    assert.equal(pkg.dependencies["@better-auth/redis-storage"], AUTH_SERVER_PACKAGES["@better-auth/redis-storage"]);
    assert.equal(pkg.dependencies.ioredis, AUTH_SERVER_PACKAGES.ioredis);
    const env = file("auth-server/src/config/env.ts");
    assert.match(env, /read\.required\("REDIS_URL"/);
    assert.match(env, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    assert.match(file("auth-server/.env.example"), /^REDIS_URL=redis:\/\/localhost:6379$/m);
    assert.match(file("auth-server/test/env.test.ts"), /a missing REDIS_URL is named/);
  });

  it("adds a Redis service with a healthcheck to Docker Compose, which the auth server waits for", () => {
    const { file } = generate(withRedis({ deployment: { useDocker: true } }));
    const compose = file("docker-compose.yml");
    const service = /^ {2}redis:\n((?: {4}.*\n|\n)*?)(?= {2}\S)/m.exec(compose)?.[1];
    assert.ok(service, "no redis service");
    assert.match(service, /image: redis:/);
    assert.match(service, /healthcheck:\n\s+test: \["CMD", "redis-cli", "ping"\]/);
    assert.match(compose, /REDIS_URL: redis:\/\/redis:6379/);
    assert.match(compose, /depends_on:\n(?:\s+\w+:\n\s+condition: service_healthy\n)*\s+redis:\n\s+condition: service_healthy/);
  });

  it("leaves Redis out of every other storage", () => {
    for (const storage of ["auto", "memory", "database"] as const) {
      const { file, files } = generate({ rateLimit: { storage }, deployment: { authServer: "docker" } });
      assert.equal(files.has("auth-server/src/db/redis.ts"), false, storage);
      const pkg = JSON.parse(file("auth-server/package.json"));
      assert.equal(pkg.dependencies.ioredis, undefined, storage);
      assert.doesNotMatch(file("auth-server/.env.example"), /REDIS_URL/, storage);
      assert.doesNotMatch(file("docker-compose.yml"), /redis/i, storage);
      assert.doesNotMatch(file("auth-server/src/auth/auth.config.ts"), /secondaryStorage|storeSessionInDatabase/, storage);
    }
  });
});
