import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  API_SERVER_TARGETS,
  AUTH_SERVER_TARGETS,
  DEFAULT_CONFIG,
  FRAMEWORKS,
  ORMS,
  parseConfig,
  VALIDATION_METHODS,
  type ConfigInput,
} from "../../lib/config/schema";
import { generateProject } from "../../lib/generate";
import { buildProject } from "../../lib/pipeline";
import { renderTemplate } from "../../lib/generate/render";
import { GENERATOR_VERSION } from "../../lib/generate/version";

function configOf(input: ConfigInput) {
  const parsed = parseConfig(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  return parsed.config;
}

/** Every combination of the options that choose template layers. */
function* layerCombinations() {
  for (const framework of FRAMEWORKS)
    for (const orm of ORMS)
      for (const validationMethod of VALIDATION_METHODS)
        for (const authServer of AUTH_SERVER_TARGETS)
          for (const apiServer of API_SERVER_TARGETS)
            yield configOf({ stack: { framework, orm }, session: { validationMethod }, deployment: { authServer, apiServer } });
}

describe("generateProject", () => {
  it("is deterministic and returns sorted, unique paths", () => {
    const first = generateProject(DEFAULT_CONFIG);
    const second = generateProject(structuredClone(DEFAULT_CONFIG));
    assert.deepEqual(first, second);
    const paths = first.map((f) => f.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.equal(new Set(paths).size, paths.length);
  });

  it("renders every layer combination without overlapping layers or unresolved values", () => {
    for (const config of layerCombinations()) {
      const files = generateProject(config);
      for (const file of files) {
        assert.ok(!/\{\{|\}\}/.test(file.content.replace(/\$\{\{[^}]*\}\}/g, "")), `${file.path} has mustache left over`);
      }
    }
  });

  it("records the generator version and the config in sidecar.json", () => {
    const record = JSON.parse(buildProject(DEFAULT_CONFIG).files.find((f) => f.path === "sidecar.json")!.content);
    assert.equal(record.version, GENERATOR_VERSION);
    assert.deepEqual(configOf(record.config), DEFAULT_CONFIG);
    assert.equal(GENERATOR_VERSION, JSON.parse(readFileSync("package.json", "utf8")).version);
  });

  it("emits deployment files only for the chosen targets", () => {
    const paths = (input: ConfigInput) => generateProject(configOf(input)).map((f) => f.path);
    const docker = paths({ deployment: { authServer: "docker", apiServer: "docker" } });
    for (const path of ["docker-compose.yml", "nginx.conf", "auth-server/Dockerfile", "backend/Dockerfile"]) {
      assert.ok(docker.includes(path), `${path} for Docker targets`);
    }
    const hosted = paths({ deployment: { authServer: "vercel", apiServer: "render" } });
    for (const path of ["auth-server/vercel.json", "backend/render.yaml"]) assert.ok(hosted.includes(path), path);
    for (const path of ["docker-compose.yml", "auth-server/Dockerfile", "backend/Dockerfile", "auth-server/railway.json"]) {
      assert.ok(!hosted.includes(path), `no ${path} without Docker or Railway`);
    }
  });
});

describe("renderTemplate", () => {
  it("fails loudly on a value the view model lacks", () => {
    assert.throws(() => renderTemplate("x.ts", "const a = {{missing}};", {}), /x\.ts: the view model has no value named "missing"/);
    assert.throws(() => renderTemplate("x.ts", "{{#flag}}on{{/flag}}", {}), /"flag"/);
  });

  it("does not HTML-escape", () => {
    assert.equal(renderTemplate("x", "{{v}}", { v: `"<&>'` }), `"<&>'`);
  });

  it("resolves names from enclosing sections", () => {
    assert.equal(renderTemplate("x", "{{#items}}{{name}}-{{suffix}} {{/items}}", { items: [{ name: "a" }, { name: "b" }], suffix: "s" }), "a-s b-s ");
  });
});
