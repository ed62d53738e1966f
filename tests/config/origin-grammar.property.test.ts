/**
 * Property: the schema's origin grammar and the file encoders agree. Every
 * origin the schema accepts is written to every file format it reaches (the
 * generated project, its own diagnostics, the permalink, each encoder); every
 * one it refuses is refused with the field path and a message, never an exception.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseConfig } from "../../lib/config/schema";
import { buildProject } from "../../lib/pipeline";
import { ENCODERS } from "../../lib/generate/encode";
import { decodePermalink, encodePermalink } from "../../lib/permalink";
import { originCandidates } from "../support/configs";

const RUNS = 300;

function hostKind(origin: string): "ipv6" | "ipv4" | "dns" {
  const host = origin.replace(/^[a-z]+:\/\//i, "");
  if (host.startsWith("[")) return "ipv6";
  return /^[0-9.]+(?::|$)/.test(host) ? "ipv4" : "dns";
}

describe("one origin grammar", () => {
  it("every accepted origin reaches every file, every refused one gets a field error", () => {
    const accepted = { ipv6: 0, ipv4: 0, dns: 0 };
    let refused = 0;
    fc.assert(
      fc.property(originCandidates, (origin) => {
        const parsed = parseConfig({ cors: { origins: ["http://localhost:3000", origin] } });
        if (!parsed.ok) {
          refused++;
          assert.deepEqual(
            parsed.problems.map((p) => p.path),
            ["cors.origins.1"],
            origin,
          );
          assert.match(parsed.problems[0].message, /origin/i);
          return;
        }
        accepted[hostKind(origin)]++;
        for (const encode of Object.values(ENCODERS)) encode(origin);
        const { files, report } = buildProject(parsed.config);
        assert.equal(report.counts.error, 0, `${origin}: ${report.summary}`);
        const env = files.find((f) => f.path.endsWith("backend/.env.example"))!;
        assert.ok(env.content.includes(`CORS_ORIGINS=http://localhost:3000,${origin}`), origin);
        assert.deepEqual(decodePermalink(encodePermalink(parsed.config)).config.cors.origins, parsed.config.cors.origins);
      }),
      { numRuns: RUNS },
    );
    console.log(`origins drawn: ${RUNS}; accepted ${JSON.stringify(accepted)}; refused ${refused}`);
    // The grammar is exercised on both sides, IPv6 literals included.
    for (const kind of ["ipv6", "ipv4", "dns"] as const) assert.ok(accepted[kind] > 0, `no ${kind} origin was accepted`);
    assert.ok(refused > 0);
  });

  it("writes the IPv6 loopback a dev server prints", () => {
    const parsed = parseConfig({ cors: { origins: ["http://[::1]:5173"] } });
    assert.ok(parsed.ok);
    const files = buildProject(parsed.config).files;
    const authEnv = files.find((f) => f.path.endsWith("auth-server/.env.example"))!;
    assert.match(authEnv.content, /^CORS_ORIGINS=http:\/\/\[::1\]:5173$/m);
  });

  it("names the spelling browsers send for a non-canonical origin", () => {
    const parsed = parseConfig({ cors: { origins: ["http://[0:0::1]:5173", "HTTPS://App.Example.com"] } });
    assert.ok(!parsed.ok);
    assert.deepEqual(
      parsed.problems.map((p) => [p.path, p.message.match(/write (\S+)/)?.[1]]),
      [
        ["cors.origins.0", "http://[::1]:5173"],
        ["cors.origins.1", "https://app.example.com"],
      ],
    );
  });
});
