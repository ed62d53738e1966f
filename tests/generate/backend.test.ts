/**
 * The generated backend: what the e2e harness and the other services rely on
 * that can be checked without running it (tests in the generated project and
 * e2e/generated run it).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import { authSchemaFacts, authTables, createStatements } from "../../lib/auth-schema";
import { resolveConfig } from "../../lib/config/resolve";
import { API_SERVER_TARGETS, parseConfig, VALIDATION_METHODS, type ConfigInput } from "../../lib/config/schema";
import { generateProject } from "../../lib/generate";

function generate(input: ConfigInput) {
  const parsed = parseConfig(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  const files = new Map(generateProject(parsed.config).map((f) => [f.path, f.content]));
  return { config: resolveConfig(parsed.config), file: (path: string) => files.get(path), files };
}

/** A Python list literal, evaluated by Python itself. */
function pythonList(source: string, name: string): string[] {
  const literal = new RegExp(`^${name} = \\[\\n([\\s\\S]*?)\\n\\]$`, "m").exec(source)?.[1];
  assert.ok(literal, `no ${name} list`);
  return JSON.parse(
    execFileSync("python3", ["-c", "import ast, json, sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))"], {
      input: `[${literal}]`,
      encoding: "utf8",
    }),
  );
}

describe("generated backend", () => {
  it("has one requirements.txt for every variant, so one virtualenv serves them all", () => {
    const variants = VALIDATION_METHODS.flatMap((validationMethod) =>
      API_SERVER_TARGETS.map((apiServer) => generate({ session: { validationMethod }, deployment: { apiServer } })),
    );
    const requirements = new Set(variants.map((v) => v.file("backend/requirements.txt")));
    assert.equal(requirements.size, 1);
    for (const line of [...requirements][0]!.split("\n").filter((l) => l && !l.startsWith("#"))) {
      assert.match(line, /^[a-z0-9-]+(\[[a-z]+\])?==\d+(\.\d+)+$/, `not an exact pin: ${line}`);
    }
  });

  for (const input of [
    { session: { validationMethod: "jwt" }, deployment: { authServer: "vercel" } },
    { session: { validationMethod: "database" }, deployment: { authServer: "docker" } },
  ] satisfies ConfigInput[]) {
    it(`migrates exactly better-auth's tables (${input.session.validationMethod}, ${input.deployment.authServer})`, () => {
      const { config, file } = generate(input);
      const migration = file("backend/alembic/versions/0001_auth_tables.py")!;
      assert.deepEqual(pythonList(migration, "STATEMENTS"), createStatements(authTables(authSchemaFacts(config)), { ifNotExists: true }));
    });
  }

  it("reads BETTER_AUTH_SECRET and BETTER_AUTH_SECRETS only in database mode", () => {
    const config = generate({ session: { validationMethod: "database" } }).file("backend/src/config.py")!;
    assert.match(config, /better_auth_secret: str \| None = Field\(default=None, min_length=32\)/);
    assert.match(config, /better_auth_secrets: str \| None = None/);
    assert.doesNotMatch(generate({ session: { validationMethod: "jwt" } }).file("backend/.env.example")!, /BETTER_AUTH_SECRET/);
    assert.doesNotMatch(generate({ session: { validationMethod: "jwt" } }).file("backend/src/config.py")!, /better_auth_secret/);
  });

  it("ships only the chosen deployment file, and it parses", () => {
    const deploymentFiles = { render: "backend/render.yaml", railway: "backend/railway.json", docker: "backend/Dockerfile" };
    for (const apiServer of API_SERVER_TARGETS) {
      const { files, file } = generate({ projectName: "shop", deployment: { apiServer } });
      for (const [target, path] of Object.entries(deploymentFiles)) assert.equal(files.has(path), target === apiServer, path);
      if (apiServer === "render") assert.equal(parseYaml(file("backend/render.yaml")!).services[0].name, "shop-api");
      if (apiServer === "railway") assert.equal(JSON.parse(file("backend/railway.json")!).deploy.healthcheckPath, "/health/ready");
      if (apiServer === "docker") assert.match(file("backend/Dockerfile")!, /^USER api$/m);
    }
  });

  it("limits request bodies inside the CORS middleware, so the 413 carries CORS headers", () => {
    const main = generate({}).file("backend/src/main.py")!;
    // Starlette runs the middleware added last outermost.
    assert.ok(main.indexOf("app.add_middleware(BodySizeLimit)") < main.indexOf("CORSMiddleware,"), "BodySizeLimit is not inside CORS");
  });

  it("sets a server-side statement_timeout on direct databases only (a transaction pooler drops it)", () => {
    const verifier = (host: "local" | "supabase") =>
      generate({ database: { host }, session: { validationMethod: "database" } }).file("backend/src/auth/verifier.py")!;
    assert.match(verifier("local"), /"options": f"-c statement_timeout=\{STATEMENT_TIMEOUT_MS\}"/);
    assert.doesNotMatch(verifier("supabase"), /statement_timeout=/);
  });
});
