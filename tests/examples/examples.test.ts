/**
 * Sidecar's example configs, and the project-level files generated from them:
 * every example is valid and generates; every JSON and YAML file parses; the
 * docs, Compose, nginx and CI files agree with what the two services ship.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { DATABASE_HOSTS, parseConfig } from "../../lib/config/schema";
import { CHECKS } from "../../lib/diagnostics";
import type { GeneratedFile } from "../../lib/generate";
import { buildProject } from "../../lib/pipeline";
import { TROUBLESHOOTING_ANCHORS } from "../../lib/generate/view-model/project";

const EXAMPLES_DIR = join(import.meta.dirname, "../../examples");

type Example = { name: string; raw: Record<string, unknown>; files: Map<string, string> };

function loadExamples(): Example[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), "utf8")) as Record<string, unknown>;
      const parsed = parseConfig(raw);
      if (!parsed.ok) {
        throw new Error(`${file}: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
      }
      const generated: GeneratedFile[] = buildProject(parsed.config).files;
      return { name: file, raw, files: new Map(generated.map((f) => [f.path, f.content])) };
    });
}

const examples = loadExamples();

/** GitHub's heading anchor: lowercase, punctuation other than `-` and `_` dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Link targets of a Markdown file: heading slugs and explicit `<a id="…">` anchors. */
function headingSlugs(markdown: string): Set<string> {
  return new Set([
    ...[...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) => githubSlug(m[1])),
    ...[...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]),
  ]);
}

/** Names of the variables an env file sets or shows commented out (`# NAME=`). */
function envFileNames(content: string): string[] {
  return [...content.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
}

/** Names in the first column of the README table under `### <title>`; `requiredOnly`: rows marked "yes". */
function documentedEnv(readme: string, title: string, requiredOnly = false): string[] {
  const section = readme.split(`### ${title}\n`)[1]?.split(/\n#/)[0] ?? "";
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]+) \|/gm)].filter((m) => !requiredOnly || m[2].trim() === "yes").map((m) => m[1]);
}

function parseYamlFile(example: Example, path: string): Record<string, any> {
  const documents = parseAllDocuments(example.files.get(path)!);
  const docs = Array.isArray(documents) ? documents : [documents];
  for (const doc of docs) assert.deepEqual(doc.errors, [], `${example.name}: ${path} is not valid YAML`);
  return docs[0].toJS();
}

function file(example: Example, path: string): string {
  const content = example.files.get(path);
  assert.ok(content !== undefined, `${example.name}: ${path} was not generated`);
  return content;
}

describe("examples", () => {
  it("include the meaningful setups", () => {
    assert.ok(examples.length >= 8, `only ${examples.length} examples`);
    const hosts = new Set(examples.map((e) => (e.raw.database as { host?: string } | undefined)?.host ?? "neon"));
    assert.deepEqual([...hosts].sort(), [...DATABASE_HOSTS].sort());
  });

  for (const example of examples) {
    describe(example.name, () => {
      it("has a short description", () => {
        assert.equal(typeof example.raw.description, "string");
        assert.ok((example.raw.description as string).length > 20);
      });

      it("generates JSON and YAML files that parse", () => {
        for (const [path, content] of example.files) {
          if (path.endsWith(".json")) assert.doesNotThrow(() => JSON.parse(content), `${path} is not valid JSON`);
          if (/\.ya?ml$/.test(path)) parseYamlFile(example, path);
        }
      });

      it("leaves no template syntax or missing values in the root files", () => {
        for (const [path, content] of example.files) {
          if (path.includes("/") && !path.startsWith("docs/") && !path.startsWith(".github/")) continue;
          // Railway's `${{Service.VAR}}` references are meant literally.
          assert.ok(!/\{\{|\}\}/.test(content.replace(/\$\{\{[\w.-]+\}\}/g, "")), `${path} holds mustache syntax`);
          assert.ok(!/\bundefined\b|\[object Object\]/.test(content), `${path} holds a missing value`);
        }
      });

      it("documents every variable of both .env.example files, and no other", () => {
        const readme = file(example, "README.md");
        for (const [service, title] of [
          ["auth-server", "auth-server/.env"],
          ["backend", "backend/.env"],
        ]) {
          const shipped = envFileNames(file(example, `${service}/.env.example`));
          assert.deepEqual(documentedEnv(readme, title).sort(), [...new Set(shipped)].sort(), `${service} variables`);
        }
      });

      it("links only to TROUBLESHOOTING.md anchors that exist", () => {
        const slugs = headingSlugs(file(example, "TROUBLESHOOTING.md"));
        for (const anchor of Object.values(TROUBLESHOOTING_ANCHORS)) assert.ok(slugs.has(anchor), `no heading for #${anchor}`);
        assert.ok(CHECKS.length > 0);
        for (const check of CHECKS) {
          const [doc, anchor] = check.docs.split("#");
          assert.equal(doc, "TROUBLESHOOTING.md", `${check.id} links elsewhere`);
          assert.ok(slugs.has(anchor), `diagnostic ${check.id} links to #${anchor}, which TROUBLESHOOTING.md lacks`);
        }
        for (const [path, content] of example.files) {
          if (!path.endsWith(".md")) continue;
          for (const [, target, anchor] of content.matchAll(/\]\(((?:\.\.\/)*[A-Z_]+\.md)?#([^)]+)\)/g)) {
            const doc = target ? target.replace(/^(?:\.\.\/)+/, "") : path;
            const docContent = example.files.get(doc);
            assert.ok(docContent !== undefined, `${path} links to missing ${doc}`);
            assert.ok(headingSlugs(docContent).has(anchor), `${path} links to ${doc}#${anchor}, which does not exist`);
          }
        }
      });

      it("has a CI workflow that runs both services' tests against PostgreSQL", () => {
        const workflow = parseYamlFile(example, ".github/workflows/ci.yml");
        const scripts = JSON.parse(file(example, "auth-server/package.json")).scripts as Record<string, string>;
        for (const script of ["migrate", "test", "start", "dev"]) assert.ok(scripts[script], `no npm script ${script}`);
        const runs = (job: string) => (workflow.jobs[job].steps as { run?: string }[]).map((s) => s.run ?? "").join("\n");
        assert.equal(workflow.jobs["auth-server"].services.postgres.image.startsWith("postgres:"), true);
        assert.equal(workflow.jobs.backend.services.postgres.image.startsWith("postgres:"), true);
        assert.match(runs("auth-server"), /npm run migrate[\s\S]*npm test/);
        // Each service refuses to start without its required variables: CI provides all of them.
        const readme = file(example, "README.md");
        for (const [job, title] of [
          ["auth-server", "auth-server/.env"],
          ["backend", "backend/.env"],
        ]) {
          const provided = new Set(Object.keys(workflow.jobs[job].env ?? {}));
          if (/BETTER_AUTH_SECRET=/.test(runs(job))) provided.add("BETTER_AUTH_SECRET");
          for (const variable of documentedEnv(readme, title, true)) {
            assert.ok(provided.has(variable), `CI job ${job} lacks ${variable}`);
          }
        }
        assert.match(runs("backend"), /pip install -r requirements\.txt[\s\S]*alembic upgrade head[\s\S]*pytest/);
        assert.ok(example.files.has("backend/requirements.txt") && example.files.has("backend/alembic.ini"));
      });
    });
  }

  describe("Docker Compose layer", () => {
    const composed = examples.filter((e) => e.files.has("docker-compose.yml"));

    it("is generated exactly for the configs that use Compose", () => {
      assert.ok(composed.length >= 3);
      for (const example of examples) {
        const expected = example.files.has("auth-server/Dockerfile") || example.files.has("backend/Dockerfile");
        if (expected) assert.ok(example.files.has("docker-compose.yml"), `${example.name}: Docker target without compose`);
      }
    });

    for (const example of composed) {
      it(`${example.name}: wires services to files that exist`, () => {
        const compose = parseYamlFile(example, "docker-compose.yml");
        const dev = parseYamlFile(example, "docker-compose.dev.yml");
        const { services } = compose;
        assert.ok(services["auth-server"] && services.backend && services.nginx);
        const host = (example.raw.database as { host?: string } | undefined)?.host;
        assert.equal(Boolean(services.postgres), host === "local", "PostgreSQL runs in Compose exactly for a local database");
        assert.ok(dev.services.postgres, "the dev override always brings a local database");
        for (const [name, dir, dockerfile] of [
          ["auth-server", "auth-server", "auth-server/Dockerfile"],
          ["backend", "backend", "backend/Dockerfile"],
        ]) {
          const service = services[name];
          if (service.build) {
            assert.equal(service.build, `./${dir}`);
            assert.ok(example.files.has(dockerfile), `${name} builds from a missing Dockerfile`);
          } else {
            assert.ok(service.image, `${name} has neither build nor image`);
          }
          assert.ok(service.healthcheck, `${name} has no healthcheck`);
        }
        const authCommand = [services["auth-server"].command, dev.services["auth-server"].command].flat().join(" ");
        if (authCommand.includes("src/scripts/migrate.ts")) assert.ok(example.files.has("auth-server/src/scripts/migrate.ts"));
        if (authCommand.includes("src/server.ts")) assert.ok(example.files.has("auth-server/src/server.ts"));

        // Variables the services receive are ones they read (plus the images' own PORT and Python flag).
        const documented = new Set([
          ...envFileNames(file(example, "auth-server/.env.example")),
          ...envFileNames(file(example, "backend/.env.example")),
          "PORT",
          "PYTHONDONTWRITEBYTECODE",
        ]);
        for (const name of ["auth-server", "backend"]) {
          for (const variable of Object.keys({ ...services[name].environment, ...dev.services[name].environment })) {
            assert.ok(documented.has(variable), `${name} gets ${variable}, which it does not read`);
          }
        }
        for (const volume of [...Object.values(services), ...Object.values(dev.services)].flatMap((s: any) => (s.volumes ?? []) as string[])) {
          if (!volume.includes(":")) continue; // an anonymous volume
          const source = volume.split(":")[0];
          if (source.startsWith("./")) continue;
          assert.ok(source in (compose.volumes ?? {}) || source in (dev.volumes ?? {}), `volume ${source} is not declared`);
        }
      });

      it(`${example.name}: nginx routes /api/auth/ to the auth server and /api/ to the backend`, () => {
        const nginx = file(example, "nginx.conf");
        const compose = parseYamlFile(example, "docker-compose.yml");
        const authPort = compose.services["auth-server"].environment.PORT;
        const backendPort = compose.services.backend.environment.PORT;
        assert.match(nginx, new RegExp(`server auth-server:${authPort};`));
        assert.match(nginx, new RegExp(`server backend:${backendPort};`));
        assert.match(nginx, /location \/api\/auth\/ \{\s*proxy_pass http:\/\/auth_server;/);
        assert.match(nginx, /location \/api\/ \{\s*proxy_pass http:\/\/backend;/);
        assert.match(nginx, /location = \/health \{/);
        assert.equal((nginx.match(/\{/g) ?? []).length, (nginx.match(/\}/g) ?? []).length, "balanced braces");
      });
    }
  });
});
