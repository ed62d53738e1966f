/**
 * Proof per check: a broken fixture where it fires, its fix removes the
 * finding, applying the fix again changes nothing, and the fixed project
 * passes every other check too.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CHECKS, runDiagnostics, type Check, type ProjectFile } from "../../lib/diagnostics";
import { brokenProject, brokenVariants, cleanProject } from "./load-fixture";

/** Which check each broken variant exists for ("route-order-express" → "route-order"). */
const checkFor = (variant: string): Check => {
  const check = CHECKS.find((c) => variant === c.id || variant.startsWith(`${c.id}-`));
  assert.ok(check, `no check for fixture ${variant}`);
  return check;
};

const findingsOf = (files: ProjectFile[]) => runDiagnostics(files).results.flatMap((r) => r.findings.map((f) => ({ check: r.id, ...f })));

describe("the clean fixture project", () => {
  it("passes every check", () => {
    const report = runDiagnostics(cleanProject());
    assert.deepEqual(findingsOf(cleanProject()), []);
    assert.equal(report.counts.pass + report.counts.notApplicable, CHECKS.length);
    assert.deepEqual(
      report.results.filter((r) => r.status === "not-applicable").map((r) => r.id),
      ["redis-storage", "auth-table-collision", "alembic-auth-tables"],
    );
  });
});

describe("every check has a broken fixture", () => {
  it("covers all registered checks", () => {
    const covered = new Set(brokenVariants().map((v) => checkFor(v).id));
    assert.deepEqual([...covered].sort(), CHECKS.map((c) => c.id).sort());
  });
});

for (const variant of brokenVariants()) {
  const check = checkFor(variant);
  describe(`${check.id}: fixture broken/${variant}`, () => {
    const broken = brokenProject(variant);

    it("fires, naming a file and a line", () => {
      const findings = check.check(broken);
      assert.ok(findings.length > 0, "expected findings");
      for (const f of findings) {
        assert.ok(broken.some((file) => file.path === f.file) || f.file.endsWith("vercel.json"), `unknown file ${f.file}`);
        assert.ok(f.line >= 1);
        assert.ok(f.message.length > 10);
      }
    });

    it("fires only for this check", () => {
      const others = findingsOf(broken).filter((f) => f.check !== check.id);
      assert.deepEqual(others, []);
    });

    if (!check.fix) {
      it("offers no fix: it needs a person's decision, and is reported as a warning", () => {
        const report = runDiagnostics(broken, undefined, { fix: true });
        const result = report.results.find((r) => r.id === check.id)!;
        assert.equal(result.status, check.severity);
        assert.deepEqual(report.changed, []);
      });
      return;
    }

    it("its fix removes every finding, and the fixed project passes every check", () => {
      const report = runDiagnostics(broken, undefined, { fix: [check.id] });
      const result = report.results.find((r) => r.id === check.id)!;
      assert.equal(result.status, "fixed");
      assert.deepEqual(check.check(report.files), []);
      assert.deepEqual(findingsOf(report.files), []);
      assert.ok(report.changed.length > 0);
    });

    it("is idempotent: fixing the fixed project changes nothing", () => {
      const once = runDiagnostics(broken, undefined, { fix: [check.id] }).files;
      const twice = check.fix!(once);
      for (const file of twice) assert.equal(file.content, once.find((f) => f.path === file.path)?.content, `${file.path} changed again`);
    });
  });
}
