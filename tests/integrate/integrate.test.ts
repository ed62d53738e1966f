import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, describe, it } from "node:test";
import { z } from "zod";
import { discover, integrateApp, type AppFile, type Integration } from "../../lib/integrate";
import { lowestAllowed } from "../../lib/integrate/dependencies";
import { isSecretFile } from "../../lib/integrate/secrets";
import { sha256Hex } from "../../lib/integrate/sha256";
import { FIXTURES_DIR, fixtureConfig, INTEGRATING, readFixture, type FixtureName } from "./fixtures";

const work = mkdtempSync(join(tmpdir(), "sidecar-integrate-"));
after(() => rmSync(work, { recursive: true, force: true }));

const decoder = new TextDecoder();
const texts = (files: AppFile[]) => files.map((f) => ({ path: f.path, text: decoder.decode(f.bytes) }));

function integrated(name: FixtureName): Extract<Integration, { ok: true }> {
  const result = integrateApp(readFixture(name), fixtureConfig(name));
  assert.ok(result.ok, result.ok ? "" : result.reasons.join("\n"));
  return result;
}

const text = (result: Extract<Integration, { ok: true }>, path: string) => {
  const file = result.files.find((f) => f.path === path);
  assert.ok(file, `${path} is in the output`);
  return typeof file.content === "string" ? file.content : decoder.decode(file.content);
};

/** Lines added or removed in a file's diff, headers aside. */
const changedLines = (diff: string) => diff.split("\n").filter((l) => /^[+-]/.test(l) && !/^(?:\+\+\+|---) /.test(l));

const record = (result: Extract<Integration, { ok: true }>) => JSON.parse(text(result, "sidecar.json"));

describe("discovery", () => {
  it("reads a uv app on SQLModel + psycopg 3 with its own users and JWT login", () => {
    const d = discover(texts(readFixture("notes-uv")));
    assert.deepEqual(d.app, { importString: "app.main:app", module: "app.main", variable: "app", file: "app/main.py", line: 6 });
    assert.equal(d.layout, "app");
    assert.equal(d.apiPrefix, "/api/v1");
    assert.deepEqual(
      {
        file: d.dependencies?.file,
        manager: d.dependencies?.manager,
        fastapi: d.dependencies?.fastapi,
        lowest: d.dependencies?.fastapiLowest,
        pydantic: d.dependencies?.pydanticMajor,
      },
      { file: "pyproject.toml", manager: "uv", fastapi: ">=0.110,<1.0", lowest: "0.110", pydantic: 2 },
    );
    assert.deepEqual(d.database, { orm: "sqlmodel", async: false, driver: "psycopg" });
    assert.deepEqual(d.settings.databaseUrl, {
      kind: "parts",
      variables: { host: "POSTGRES_SERVER", port: "POSTGRES_PORT", user: "POSTGRES_USER", password: "POSTGRES_PASSWORD", database: "POSTGRES_DB" },
      file: "app/core.py",
      line: 11,
    });
    assert.deepEqual(d.settings.envFiles, [".env", ".env.example"]);
    assert.deepEqual(
      d.tables.map((t) => t.name),
      ["user", "note"],
    );
    assert.deepEqual(d.userTable, { name: "user", model: "User", module: "app.models", emailColumn: "email", file: "app/models.py", line: 6 });
    assert.deepEqual(
      d.existingAuth.map((f) => `${f.kind} ${f.file}:${f.line}`),
      ["oauth2-password-bearer app/security.py:15", "own-jwt app/security.py:28"],
    );
    assert.equal(d.cors, undefined);
    assert.deepEqual(d.lifespan, { kind: "none" });
    assert.ok(d.findings.some((f) => f.kind === "table-collision" && f.file === "app/models.py" && f.line === 6));
  });

  it("reads a pydantic 1 app with async SQLAlchemy on asyncpg, a src layout and two Alembic heads", () => {
    const d = discover(texts(readFixture("shop-asyncpg")));
    assert.equal(d.app?.importString, "shop.main:app");
    assert.equal(d.layout, "src");
    assert.equal(d.importRoot, "src");
    assert.equal(d.apiPrefix, "/api");
    assert.equal(d.dependencies?.pydanticMajor, 1);
    assert.equal(d.dependencies?.fastapiLowest, "0.99.1");
    assert.deepEqual(d.database, { orm: "sqlalchemy", async: true, driver: "asyncpg" });
    assert.deepEqual(d.settings.databaseUrl, { kind: "url", variable: "database_url", file: "src/shop/config.py", line: 5 });
    assert.equal(d.settings.baseSettings?.pydanticSettings, false);
    assert.deepEqual(d.alembic, {
      directory: "alembic",
      iniFile: "alembic.ini",
      envFile: "alembic/env.py",
      heads: ["b7c8d9e0f1a2", "c3d4e5f6a7b8"],
      targetMetadata: "Base.metadata",
      includeObject: false,
    });
    assert.deepEqual([...new Set(d.tables.map((t) => t.name))], ["products", "session"]);
    assert.deepEqual(d.cors, { file: "src/shop/main.py", line: 10, origins: undefined, allowsAll: false });
    assert.deepEqual(d.lifespan, { kind: "events", file: "src/shop/main.py", line: 19 });
  });

  it("reads a factory app with a lifespan, and a flat layout", () => {
    const d = discover(texts(readFixture("inventory-factory")));
    assert.deepEqual(d.app, { importString: "main:create_app", module: "main", variable: "app", file: "main.py", line: 22, factory: "create_app" });
    assert.equal(d.layout, "flat");
    assert.equal(d.apiPrefix, "/v2");
    assert.deepEqual(d.lifespan, { kind: "lifespan", name: "lifespan", file: "main.py", line: 22 });
    assert.deepEqual(d.settings.databaseUrl, { kind: "url", variable: "DATABASE_URL", file: "settings.py", line: 6 });
  });

  it("reads an app without a database, with settings from os.environ and its own /api/v1/me", () => {
    const d = discover(texts(readFixture("greeter-environ")));
    assert.deepEqual(d.settings.envVariables, ["GREETING", "LOG_LEVEL"]);
    assert.equal(d.settings.databaseUrl, undefined);
    assert.deepEqual(d.database, { orm: undefined, async: false, driver: undefined });
    assert.deepEqual(d.routes, ["/api/v1/greet/{name}", "/api/v1/me"]);
  });

  it("reads a hostile router prefix in time linear in the file: many blank lines after an unresolvable setting", () => {
    // A pattern built from the setting's name and run with `^\s*` across lines took time quadratic in the blank lines (minutes here).
    // Discovery is synchronous, so it runs in a child process that a bounded timeout can stop.
    const script = `
      import { discover } from "./lib/integrate/discover.ts";
      const hostile = "from fastapi import APIRouter\\nrouter = APIRouter(prefix=settings.API_PREFIX)\\n" + " \\n".repeat(300000) + "API_PREFIX_OTHER = 1\\n";
      const d = discover([{ path: "pkg/routes.py", text: hostile }, { path: "pkg/main.py", text: "from fastapi import FastAPI\\napp = FastAPI()\\n" }]);
      process.stdout.write(JSON.stringify(d.apiPrefix));`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    assert.equal(run.signal, null, "discovery did not finish within the timeout");
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '""');
  });

  it("resolves a prefix held by a setting, typed or not, and not by a longer name that starts the same", () => {
    const routes = 'from fastapi import APIRouter\nrouter = APIRouter(prefix=settings.API_PREFIX)\n@router.get("/items")\ndef items(): ...\n';
    const config = 'class Settings:\n    API_PREFIX_V0 = "/old"\n    API_PREFIX: str = "/api/v3"\n';
    const d = discover([
      { path: "pkg/routes.py", text: routes },
      { path: "pkg/config.py", text: config },
      { path: "pkg/main.py", text: "from fastapi import FastAPI\napp = FastAPI()\n" },
    ]);
    assert.equal(d.apiPrefix, "/api/v3");
    assert.deepEqual(d.routes, ["/api/v3/items"]);
  });

  it("takes the lowest version a specifier allows", () => {
    assert.equal(lowestAllowed(">=0.110,<1.0"), "0.110");
    assert.equal(lowestAllowed("==0.70.0"), "0.70.0");
    assert.equal(lowestAllowed("~=0.95.1"), "0.95.1");
    assert.equal(lowestAllowed("<1"), undefined);
  });
});

describe("the change", () => {
  it("changes at most a few lines of each app's existing files", () => {
    const expected: Record<(typeof INTEGRATING)[number], Record<string, number>> = {
      "notes-uv": { "app/main.py": 2, "pyproject.toml": 1 },
      "shop-asyncpg": { "src/shop/main.py": 4, "requirements.txt": 1, "alembic/env.py": 5 },
      "inventory-factory": { "main.py": 2 },
      "greeter-environ": { "greeter/main.py": 4, "requirements.txt": 1 },
      "library-psycopg2": { "library/main.py": 4, "alembic/env.py": 5 },
    };
    for (const name of INTEGRATING) {
      const result = integrated(name);
      const changed = Object.fromEntries(result.changes.filter((c) => c.kind === "changed").map((c) => [c.path, changedLines(c.diff).length]));
      assert.deepEqual(changed, expected[name], name);
      assert.deepEqual(result.changes.filter((c) => c.kind === "added").map((c) => c.path).length, 1, `${name}: one module added`);
      const kinds = result.changes.map((c) => c.kind);
      assert.ok(kinds.lastIndexOf("changed") < kinds.indexOf("added"), `${name}: changed files first, then added ones`);
    }
  });

  it("installs the module with an import and one call, inside the factory for a factory app", () => {
    assert.deepEqual(changedLines(integrated("notes-uv").changes[0].diff), ["+from app import sidecar_auth", "+sidecar_auth.install(app)"]);
    assert.deepEqual(changedLines(integrated("inventory-factory").changes[0].diff), ["+import sidecar_auth", "+    sidecar_auth.install(app)"]);
  });

  it("writes the added requirements in each dependency file's own style", () => {
    assert.match(integrated("notes-uv").changes.find((c) => c.path === "pyproject.toml")!.diff, /^\+ {4}"psycopg-pool>=3\.2",$/m);
    assert.deepEqual(changedLines(integrated("shop-asyncpg").changes.find((c) => c.path === "requirements.txt")!.diff), ["+pyjwt[crypto]==2.10.1"]);
    // Database mode on an app that already has asyncpg: nothing to add.
    assert.equal(
      integrated("inventory-factory").changes.some((c) => c.path === "requirements.txt"),
      false,
    );
  });

  it("gives Alembic an include_object in every context.configure", () => {
    const env = integrated("shop-asyncpg").changes.find((c) => c.path === "alembic/env.py")!;
    assert.equal(env.after.match(/include_object=sidecar_auth\.leave_auth_tables_alone/g)?.length, 2);
    assert.match(env.after, /^from shop import sidecar_auth$/m);
  });

  it("renames better-auth's tables consistently when the app has one of their names", () => {
    const notes = integrated("notes-uv");
    const config = text(notes, "auth-server/src/auth/auth.config.ts");
    for (const model of ["user", "account", "verification"]) assert.match(config, new RegExp(`${model}: \\{ modelName: "auth_${model}" \\}`));
    assert.match(config, /session: \{\n {4}modelName: "auth_session",/);
    const module = notes.changes.find((c) => c.kind === "added")!.after;
    assert.match(module, /FROM "auth_session" s JOIN "auth_user" u/);
    assert.match(module, /AUTH_TABLES = frozenset\(\{ "auth_user", "auth_session", "auth_account", "auth_verification" \}\)/);
    assert.deepEqual(record(notes).integration.authTables, {
      user: "auth_user",
      session: "auth_session",
      account: "auth_account",
      verification: "auth_verification",
      jwks: "auth_jwks",
      rateLimit: "auth_rateLimit",
    });
    assert.match(text(notes, "README.md"), /`auth_user`/);
    const greeter = integrated("greeter-environ");
    assert.doesNotMatch(text(greeter, "auth-server/src/auth/auth.config.ts"), /modelName/);
    assert.equal(record(greeter).integration.authTables.user, "user");
  });

  it("picks the next free name for the me route, never under /api/auth", () => {
    assert.equal(record(integrated("greeter-environ")).integration.meRoute, "/api/v1/me-2");
    assert.equal(record(integrated("notes-uv")).integration.meRoute, "/api/v1/me");
    assert.equal(record(integrated("inventory-factory")).integration.meRoute, "/v2/me");
  });

  it("reads the database the way the app does: its settings object, or the environment", () => {
    const notes = integrated("notes-uv").changes.at(-1)!.after;
    assert.match(notes, /^from app\.core import settings as app_settings$/m);
    assert.match(
      notes,
      /f"\{credentials\}@\{str\(app_settings\.POSTGRES_SERVER\)\}:\{str\(app_settings\.POSTGRES_PORT\)\}", "\/" \+ str\(app_settings\.POSTGRES_DB\)/,
    );
    assert.match(integrated("inventory-factory").changes.at(-1)!.after, /url = _setting\("DATABASE_URL"\)/);
  });

  it("offers the app's own user for the signed-in user when the app has a user table", () => {
    const module = integrated("notes-uv").changes.at(-1)!.after;
    assert.match(module, /^def get_current_app_user\(user: CurrentUser, db=Depends\(get_session\)\) -> User:$/m);
    assert.match(module, /select\(User\)\.where\(User\.email == user\.email\)/);
    assert.match(module, /^CurrentAppUser = Annotated\[User, Depends\(get_current_app_user\)\]$/m);
    assert.doesNotMatch(integrated("greeter-environ").changes.at(-1)!.after, /CurrentAppUser/);
  });

  it("adds CORS only to an app that has none, and says whether the app's own allows the origins", () => {
    assert.match(integrated("greeter-environ").changes.at(-1)!.after, /app\.add_middleware\(\n\s+CORSMiddleware/);
    assert.doesNotMatch(integrated("shop-asyncpg").changes.at(-1)!.after, /CORSMiddleware/);
    assert.match(text(integrated("shop-asyncpg"), "README.md"), /the app's own middleware stays\. Its origins come from a setting/);
  });

  it("makes a patch that git apply turns into exactly backend/ plus the app's own secret files, which the patch leaves as they were", () => {
    for (const name of INTEGRATING) {
      const result = integrated(name);
      const app = join(work, `apply-${name}`);
      cpSync(join(FIXTURES_DIR, name), app, { recursive: true });
      const apply = spawnSync("git", ["apply", "-"], { cwd: app, input: result.patch, encoding: "utf8" });
      assert.equal(apply.status, 0, apply.stderr);
      const onDisk = (dir: string): string[] =>
        readdirSync(dir).flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? onDisk(join(dir, entry)) : [join(dir, entry)]));
      const all = Object.fromEntries(onDisk(app).map((p) => [relative(app, p), readFileSync(p, "utf8")]));
      const secrets = Object.keys(all).filter(isSecretFile);
      for (const secret of secrets) assert.equal(all[secret], readFileSync(join(FIXTURES_DIR, name, secret), "utf8"), `${name}: ${secret} untouched`);
      assert.deepEqual(secrets, name === "notes-uv" ? [".env"] : [], name);
      const applied = Object.fromEntries(Object.entries(all).filter(([path]) => !isSecretFile(path)));
      const backend = Object.fromEntries(
        result.files
          .filter((f) => f.path.startsWith("backend/"))
          .map((f) => [f.path.slice("backend/".length), typeof f.content === "string" ? f.content : decoder.decode(f.content)]),
      );
      assert.deepEqual(applied, backend, name);
      const undo = spawnSync("git", ["apply", "-R", "-"], { cwd: app, input: result.patch, encoding: "utf8" });
      assert.equal(undo.status, 0, undo.stderr);
      assert.equal(readFileSync(join(app, result.discovery.app!.file), "utf8"), readFileSync(join(FIXTURES_DIR, name, result.discovery.app!.file), "utf8"));
    }
  });

  it("keeps every file of the upload but its secret files, with their bytes and modes, and never modifies the upload", () => {
    const upload = readFixture("notes-uv");
    const copy = upload.map((f) => ({ ...f, bytes: new Uint8Array(f.bytes) }));
    const result = integrateApp(upload, fixtureConfig("notes-uv"));
    assert.ok(result.ok);
    assert.deepEqual(upload, copy);
    const backend = new Map(result.files.filter((f) => f.path.startsWith("backend/")).map((f) => [f.path.slice(8), f]));
    assert.equal(backend.has(".env"), false);
    assert.ok(backend.has(".env.example"));
    for (const file of upload.filter((f) => f.path !== ".env")) {
      assert.ok(backend.has(file.path), file.path);
      assert.equal(backend.get(file.path)!.mode, file.mode);
    }
  });

  it("never copies a secret of the app into any output file: docs, sidecar.json, the patch or backend/", () => {
    const result = integrated("notes-uv");
    for (const file of result.files) assert.doesNotMatch(text(result, file.path), /s3cr3t-notes-signing-key/, file.path);
    assert.match(
      text(result, "README.md"),
      /^`backend\/` leaves out the app's secret files \(`\.env`\): the change does not\ntouch them, so keep using your own\.$/m,
    );
    assert.doesNotMatch(text(integrated("greeter-environ"), "README.md"), /secret files/);
  });

  it("counts env files, private keys and credential files as secret, but not env templates", () => {
    const secret = [".env", "deploy/.env.production", ".env.local", "certs/server.key", "id_ed25519", ".pgpass", "gcp/service-account-prod.json"];
    const kept = [".env.example", ".env.sample", "config/.env.template", "app/env.py", "keys.py", "README.env.md", "certs/ca.pem"];
    assert.deepEqual(secret.filter(isSecretFile), secret);
    assert.deepEqual(kept.filter(isSecretFile), []);
  });

  it("records the integration in sidecar.json", () => {
    const integration = record(integrated("shop-asyncpg")).integration;
    assert.equal(integration.app, "shop.main:app");
    assert.equal(integration.meRoute, "/api/me");
    assert.deepEqual(integration.changedFiles, ["src/shop/main.py", "requirements.txt", "alembic/env.py"]);
    assert.deepEqual(integration.addedFiles, ["src/shop/sidecar_auth.py"]);
    assert.match(integration.uploadDigest, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(
      integration.env
        .filter((e: { service: string }) => e.service === "backend")
        .map((e: { name: string; required: boolean }) => `${e.name}${e.required ? "" : "?"}`),
      ["AUTH_SERVER_URL", "JWT_ISSUER?", "JWT_AUDIENCE?", "JWKS_REFRESH_COOLDOWN?", "FRONTEND_ORIGINS?"],
    );
    assert.match(text(integrated("shop-asyncpg"), "SETUP.md"), /git apply -R sidecar\.patch/);
  });

  it("writes a sidecar.json the committed JSON Schema accepts, and refuses one whose integration section is malformed", () => {
    const committed = readFileSync(new URL("../../lib/record/sidecar.schema.json", import.meta.url), "utf8");
    const fromJsonSchema = z.fromJSONSchema(JSON.parse(committed));
    for (const name of INTEGRATING) {
      const parsed = fromJsonSchema.safeParse(record(integrated(name)));
      assert.ok(parsed.success, `${name}: ${parsed.error?.message}`);
    }
    const shop = record(integrated("shop-asyncpg"));
    assert.equal(shop.recordVersion, 1);
    const { meRoute: _dropped, ...withoutMeRoute } = shop.integration;
    for (const integration of [withoutMeRoute, { ...shop.integration, uploadDigest: "md5:1" }, { ...shop.integration, secrets: [] }]) {
      assert.equal(fromJsonSchema.safeParse({ ...shop, integration }).success, false, JSON.stringify(Object.keys(integration)));
    }
  });

  it("writes ADRs describing the change made to this app: where the module went, how sessions are checked, where the tables live", () => {
    const adrs = ["0001-auth-module-inside-the-app", "0002-session-validation-strategy", "0003-auth-tables-beside-the-apps"].map((a) => `docs/adr/${a}.md`);
    for (const name of INTEGRATING) {
      const result = integrated(name);
      assert.deepEqual(
        result.files.filter((f) => f.path.startsWith("docs/")).map((f) => f.path),
        adrs,
        name,
      );
      const decision = text(result, adrs[0]);
      for (const change of result.changes) assert.match(decision, new RegExp(`^- \`${change.path.replace(/\./g, "\\.")}\``, "m"), `${name}: ${change.path}`);
      assert.match(text(result, "README.md"), /\[docs\/adr\/\]\(docs\/adr\/\)/);
    }
    const notes = integrated("notes-uv");
    assert.match(text(notes, adrs[1]), /^\*\*Database lookup\.\*\* .* through psycopg 3 \(the driver the app already uses\) and a psycopg-pool pool,/m);
    assert.match(text(notes, adrs[2]), /^- \*\*Renamed tables\*\*: .*`auth_user`/m);
    assert.match(text(notes, adrs[2]), /`CurrentAppUser` resolves the app's `User`/);
    assert.match(text(integrated("shop-asyncpg"), adrs[1]), /^\*\*JWT via JWKS\.\*\*/m);
    assert.match(text(integrated("shop-asyncpg"), adrs[2]), /`alembic\/env\.py` passes `include_object` so/);
    const greeter = integrated("greeter-environ");
    assert.match(text(greeter, adrs[2]), /\. The app has no database of its own\./);
    assert.doesNotMatch(text(greeter, adrs[0]), /503|Two sign-in paths/);
  });

  it("gives the same output for the same upload and config", () => {
    const a = integrated("shop-asyncpg");
    const b = integrated("shop-asyncpg");
    assert.deepEqual(a.files, b.files);
  });
});

describe("--app: the app's folder inside a larger upload", () => {
  it("integrates the folder it names, with paths relative to it, as if it had been uploaded alone", () => {
    const nested = readFixture("greeter-environ").map((f) => ({ ...f, path: `services/greeter/${f.path}` }));
    const alone = integrated("greeter-environ");
    const result = integrateApp([...nested, { path: "README.md", bytes: new TextEncoder().encode("# monorepo\n") }], fixtureConfig("greeter-environ"), {
      appPath: "services/greeter",
    });
    assert.ok(result.ok);
    assert.equal(result.patch, alone.patch);
    assert.deepEqual(
      result.files.map((f) => f.path),
      alone.files.map((f) => f.path),
    );
  });

  it("refuses a folder that holds nothing", () => {
    const result = integrateApp(readFixture("greeter-environ"), fixtureConfig("greeter-environ"), { appPath: "nowhere" });
    assert.deepEqual(result.ok ? [] : result.reasons, ["The upload has no files under nowhere/; choose the folder holding the FastAPI app."]);
  });
});

describe("refusals", () => {
  it("refuses a folder that is not FastAPI, saying what to upload", () => {
    const result = integrateApp(readFixture("not-fastapi"), fixtureConfig("not-fastapi"));
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.reasons.join(), /This is not a FastAPI app/);
  });

  it("refuses FastAPI older than 0.95, saying which requirement to raise", () => {
    const result = integrateApp(readFixture("fastapi-070"), fixtureConfig("fastapi-070"));
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.reasons, [
      "requirements.txt allows FastAPI ==0.70.0, older than 0.95: the auth module's dependencies need FastAPI 0.95 or newer. Raise the requirement to fastapi>=0.95, check the app still works, and integrate again.",
    ]);
  });

  it("refuses an upload with no importable app", () => {
    const files = readFixture("greeter-environ").filter((f) => f.path !== "greeter/main.py");
    const result = integrateApp(files, fixtureConfig("greeter-environ"));
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.reasons.join(), /No importable FastAPI app/);
  });
});

describe("sha256", () => {
  it("matches known digests", () => {
    assert.equal(sha256Hex(new TextEncoder().encode("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert.equal(sha256Hex(new Uint8Array(0)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert.equal(sha256Hex(new Uint8Array(1000).fill(97)), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
  });
});

describe("npm run generate -- --existing", () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/generate.ts", ...args], { encoding: "utf8" });

  it("exits 2 with the reason for an app it cannot integrate, writing nothing", () => {
    const out = join(work, "refused");
    const run = cli("--existing", join(FIXTURES_DIR, "fastapi-070"), "--dir", out);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot be integrated:\n {2}- requirements\.txt allows FastAPI ==0\.70\.0/);
    assert.equal(spawnSync("test", ["-e", out]).status, 1);
  });

  it("prints the patch on --dry-run and writes the same files as the library with --dir", () => {
    const dry = cli("--existing", join(FIXTURES_DIR, "inventory-factory"), "--config", join(FIXTURES_DIR, "configs/inventory-factory.json"), "--dry-run");
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^\+ {4}sidecar_auth\.install\(app\)$/m);
    const out = join(work, "existing");
    const run = cli("--existing", join(FIXTURES_DIR, "inventory-factory"), "--config", join(FIXTURES_DIR, "configs/inventory-factory.json"), "--dir", out);
    assert.equal(run.status, 0, run.stderr);
    const result = integrated("inventory-factory");
    for (const file of result.files) {
      const expected = typeof file.content === "string" ? file.content : decoder.decode(file.content);
      assert.equal(readFileSync(join(out, file.path), "utf8"), expected, file.path);
    }
  });
});
