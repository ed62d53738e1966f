/**
 * The generated project's getting-started path: the README's Quick start
 * names every variable the services refuse to start without (read from the
 * generated env code itself), a local database for every provider, where
 * development mail links appear, and the scripts under scripts/, which must
 * be executable in the zip and valid POSIX sh.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import JSZip from "jszip";
import { DATABASE_HOSTS, parseConfig, type ConfigInput } from "../../lib/config/schema";
import { buildProject } from "../../lib/pipeline";
import { zipProject } from "../../lib/zip";

function filesOf(input: ConfigInput): Map<string, string> {
  const parsed = parseConfig(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  return new Map(buildProject(parsed.config).files.map((f) => [f.path, f.content]));
}

function file(files: Map<string, string>, path: string): string {
  const content = files.get(path);
  assert.ok(content !== undefined, `${path} was not generated`);
  return content;
}

/** The README from `## Quick start` to the curl walk-through. */
function quickStart(files: Map<string, string>): string {
  const readme = file(files, "README.md");
  return readme.slice(readme.indexOf("## Quick start"), readme.indexOf("### 3. Try it with curl"));
}

/** Variables src/config/env.ts refuses to start without outside production (the production-only ones say `isProduction`). */
function authServerRequired(files: Map<string, string>): string[] {
  const env = file(files, "auth-server/src/config/env.ts");
  const lines = env.split("\n").filter((line) => !line.includes("isProduction"));
  const direct = lines.flatMap((line) => [...line.matchAll(/read\.required\("([A-Z_]+)"/g)].map((m) => m[1]));
  const oauth = lines.flatMap((line) =>
    [...line.matchAll(/readOAuthClient\(read, "([A-Z]+)"/g)].flatMap((m) => [`${m[1]}_CLIENT_ID`, `${m[1]}_CLIENT_SECRET`]),
  );
  return [...direct, ...oauth];
}

/** Settings of backend/src/config.py without a default: pydantic refuses to start without them. */
function backendRequired(files: Map<string, string>): string[] {
  const config = file(files, "backend/src/config.py");
  return [...config.matchAll(/^ {4}([a-z_]+): [^=\n]+(?:= Field\((?![^)]*default)[^)]*\))?$/gm)].map((m) => m[1].toUpperCase());
}

/** The rows `| \`NAME\` | value | … |` of the Quick start table after `heading`. */
function quickStartRows(section: string, heading: string): Map<string, string> {
  const part = section.slice(section.indexOf(heading)).split("\n### ")[0];
  return new Map([...part.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]));
}

const OAUTH_CONFIG: ConfigInput = { auth: { oauth: { providers: ["google", "github"] } } };

describe("generated Quick start", () => {
  const configs: [string, ConfigInput][] = [
    ["defaults", {}],
    ["Google and GitHub", OAUTH_CONFIG],
    [
      "GitHub only, database mode",
      { auth: { emailPassword: { enabled: false }, oauth: { providers: ["github"] } }, session: { validationMethod: "database" } },
    ],
    ["magic link and required verification", { auth: { magicLink: { enabled: true }, emailPassword: { requireEmailVerification: true } } }],
    ["no mail transport", { email: { transport: "console" } }],
  ];

  for (const [name, input] of configs) {
    it(`lists every variable the services refuse to start without, with a local value (${name})`, () => {
      const files = filesOf(input);
      const section = quickStart(files);
      const auth = quickStartRows(section, "### 1. Auth server");
      const backend = quickStartRows(section, "### 2. Backend");
      const authNeeded = authServerRequired(files);
      const backendNeeded = backendRequired(files);
      assert.ok(authNeeded.includes("DATABASE_URL") && backendNeeded.includes("DATABASE_URL"), "the env readers were not recognised");
      assert.deepEqual(
        authNeeded.filter((v) => !auth.has(v)),
        [],
        "auth-server variables missing from the Quick start",
      );
      assert.deepEqual(
        backendNeeded.filter((v) => !backend.has(v)),
        [],
        "backend variables missing from the Quick start",
      );
      for (const [variable, value] of [...auth, ...backend]) assert.ok(value.length > 0, `${variable} has no local value`);
    });
  }

  it("gives OAuth clients a placeholder that setup-dev.sh writes too, and says a real client is needed to sign in", () => {
    const files = filesOf(OAUTH_CONFIG);
    const auth = quickStartRows(quickStart(files), "### 1. Auth server");
    const setup = file(files, "scripts/setup-dev.sh");
    for (const variable of ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"]) {
      assert.equal(auth.get(variable), "`local-placeholder`");
      assert.match(setup, new RegExp(`^  set_env auth-server/.env ${variable} local-placeholder$`, "m"));
    }
    assert.match(quickStart(files), /signing in with GitHub OAuth needs a real client/);
    assert.doesNotMatch(file(filesOf({}), "scripts/setup-dev.sh"), /local-placeholder/);
  });

  for (const host of DATABASE_HOSTS) {
    it(`offers a PostgreSQL on this machine first, at the URL both .env.example files hold (${host})`, () => {
      const files = filesOf({ database: { host } });
      const section = quickStart(files);
      const tryLocally = section.slice(section.indexOf("### Try it locally first")).split("\n### ")[0];
      const url = file(files, "auth-server/.env.example").match(/^DATABASE_URL=(.+)$/m)![1];
      assert.equal(file(files, "backend/.env.example").match(/^DATABASE_URL=(.+)$/m)![1], url);
      assert.ok(tryLocally.includes(`\`${url}\``), "the section names another database URL");
      const database = url.split("/").at(-1)!;
      assert.match(
        tryLocally,
        host === "local" ? /docker compose .* up -d postgres/ : new RegExp(`docker run .*-e POSTGRES_DB=${database} -p 5432:5432 postgres`),
      );
      if (host !== "local") assert.match(tryLocally, /put your [\w ]+ URL in both `\.env` files/);
    });
  }

  it("says where development mail links appear: alone on the line after `mail not sent`", () => {
    const withMail = quickStart(filesOf({ auth: { emailPassword: { requireEmailVerification: true } } }));
    assert.match(withMail, /logs a `mail not sent` line, then each link of the message alone on the next line/);
    assert.doesNotMatch(quickStart(filesOf({})), /mail not sent/);
    const email = file(filesOf({ auth: { magicLink: { enabled: true } } }), "auth-server/src/lib/email.ts");
    assert.match(email, /for \(const link of linksOf\(mail\.text\)\) console\.error\(link\);/);
  });
});

describe("generated scripts", () => {
  const SCRIPTS = ["scripts/setup-dev.sh", "scripts/health-check.sh", "scripts/sync-schemas.sh"];
  const scratch = mkdtempSync(join(tmpdir(), "sidecar-scripts-"));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const variants: ConfigInput[] = [
    {},
    { session: { validationMethod: "database" }, ...OAUTH_CONFIG },
    { auth: { magicLink: { enabled: true } }, stack: { orm: "prisma", framework: "express" } },
    { email: { transport: "console" }, database: { host: "local" } },
  ];

  it("are executable in the zip (mode 755) and every other file is not", async () => {
    const parsed = parseConfig({});
    assert.ok(parsed.ok);
    const { files } = buildProject(parsed.config);
    const zip = await JSZip.loadAsync(await zipProject("my-app", files));
    for (const path of SCRIPTS) assert.equal(zip.file(`my-app/${path}`)?.unixPermissions, 0o755, `${path} in the zip`);
    const modes = new Set(
      Object.values(zip.files)
        .filter((entry) => !SCRIPTS.some((path) => entry.name === `my-app/${path}`))
        .map((entry) => entry.unixPermissions),
    );
    assert.ok(!modes.has(0o755), "a file other than the scripts is executable");
  });

  it("are valid POSIX sh (sh -n, and shellcheck when it is installed)", (t) => {
    const shellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
    if (!shellcheck) t.diagnostic("shellcheck is not installed: only sh -n ran");
    variants.forEach((input, index) => {
      const files = filesOf(input);
      for (const path of SCRIPTS) {
        const written = join(scratch, `${index}-${path.replace("/", "-")}`);
        writeFileSync(written, file(files, path));
        const syntax = spawnSync("sh", ["-n", written], { encoding: "utf8" });
        assert.equal(syntax.status, 0, `${path} (variant ${index}): ${syntax.stderr}`);
        if (shellcheck) {
          const lint = spawnSync("shellcheck", ["-s", "sh", written], { encoding: "utf8" });
          assert.equal(lint.status, 0, `${path} (variant ${index}):\n${lint.stdout}`);
        }
      }
    });
  });

  it("are each documented in the README", () => {
    const readme = file(filesOf({}), "README.md");
    for (const path of SCRIPTS) assert.ok(readme.includes(`**\`${path}`), `README.md does not document ${path}`);
  });
});
