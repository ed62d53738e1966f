import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { resolveConfig } from "../../lib/config/resolve";
import { DEFAULT_CONFIG, type Config } from "../../lib/config/schema";
import { buildProject } from "../../lib/pipeline";
import { composeReasons, reviewRows } from "../../lib/questions/review";
import { validConfigs } from "../support/configs";

const withChanges = (apply: (c: Config) => void): Config => {
  const config = structuredClone(DEFAULT_CONFIG);
  apply(config);
  return config;
};

function rowsOf(config: Config) {
  const paths = buildProject(config).files.map((f) => f.path);
  return new Map(reviewRows(config, resolveConfig(config).resolved, paths).map((row) => [row.path, row.value]));
}

describe("the Review", () => {
  it("gives the auth server's port as a number, not as 'the automatic value'", () => {
    const rows = rowsOf(DEFAULT_CONFIG);
    assert.equal(rows.get("ports.authServer"), "3001 (automatic)");
    assert.equal(rows.get("ports.backend"), "8000");
    assert.match(rows.get("session.updateAge")!, /^1 day \(automatic\)$/);
    assert.equal(rows.get("rateLimit.storage"), "Automatic: Database");
  });

  it("says the zip holds compose files for a Docker backend even with Docker Compose off", () => {
    const docker = withChanges((c) => {
      c.deployment.apiServer = "docker";
      c.deployment.useDocker = false;
    });
    const rows = rowsOf(docker);
    assert.match(rows.get("deployment.useDocker")!, /^off, but the zip holds the Docker Compose files anyway: the backend deploys with Docker$/);
    assert.equal(rows.get("compose"), "docker-compose.dev.yml, docker-compose.yml");
  });

  it("says none when the zip holds no compose files", () => {
    const rows = rowsOf(DEFAULT_CONFIG);
    assert.equal(rows.get("deployment.useDocker"), "off");
    assert.equal(rows.get("compose"), "none");
    assert.match(rows.get("files")!, /^\d+ files \((?:[\w.-]+\/ \d+, )+\d+ at the top\)$/);
    assert.match(rows.get("files")!, /auth-server\/ \d+, backend\/ \d+/);
  });

  it("leaves the zip rows out while there is no valid preview", () => {
    const rows = reviewRows(DEFAULT_CONFIG, null, []);
    assert.ok(!rows.some((row) => row.path === "compose"));
    assert.equal(rows.find((row) => row.path === "ports.authServer")!.value, "the automatic value");
  });

  it("gives a reason for compose files exactly when the generator includes them", () => {
    fc.assert(
      fc.property(validConfigs(), (config) => {
        assert.equal(composeReasons(config).length > 0, resolveConfig(config).resolved.usesDockerCompose);
      }),
      { numRuns: 200 },
    );
  });
});
