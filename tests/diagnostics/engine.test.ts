/** The engine's contract: statuses, the summary form, fixes by id, and checks that fail on their own. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runDiagnostics, type Check, type ProjectFile } from "../../lib/diagnostics";

const files: ProjectFile[] = [{ path: "a.txt", content: "bad\n" }];

const fixable: Check = {
  id: "fixable",
  title: "Fixable Thing",
  severity: "error",
  explanation: "a.txt must say good",
  docs: "TROUBLESHOOTING.md#x",
  check: (fs) => (fs[0].content.startsWith("bad") ? [{ file: "a.txt", line: 1, message: "a.txt says bad" }] : []),
  fix: (fs) => [{ path: "a.txt", content: fs[0].content.replace("bad", "good") }],
};
const warning: Check = { ...fixable, id: "manual", title: "Manual Thing", severity: "warning", fix: undefined };
const passing: Check = { ...fixable, id: "fine", title: "Fine Thing", check: () => [] };
const throwing: Check = {
  ...fixable,
  id: "broken",
  title: "Broken Check",
  fix: undefined,
  check: () => {
    throw new Error("boom");
  },
};
const badFix: Check = {
  ...fixable,
  id: "bad-fix",
  title: "Bad Fix",
  fix: () => {
    throw new Error("boom");
  },
};

const elsewhere: Check = { ...fixable, id: "elsewhere", title: "Elsewhere Thing", notApplicable: () => "the project has no such thing" };
const unsure: Check = {
  ...fixable,
  id: "unsure",
  title: "Unsure Thing",
  notApplicable: () => {
    throw new Error("boom");
  },
};

describe("checks that do not apply", () => {
  it("say not applicable with their reason, are neither run nor fixed, and are counted apart", () => {
    const report = runDiagnostics(files, undefined, { checks: [elsewhere, passing], fix: true });
    const [result] = report.results;
    assert.equal(result.status, "not-applicable");
    assert.equal(result.notApplicable, "the project has no such thing");
    assert.deepEqual(result.findings, []);
    assert.deepEqual(report.changed, []);
    assert.deepEqual(report.counts, { pass: 1, fixed: 0, warning: 0, error: 0, notApplicable: 1 });
    assert.match(report.summary, /^➖ Elsewhere Thing: not applicable \(the project has no such thing\)$/m);
    assert.match(report.summary, /^1 of 1 applicable check pass \(1 other does not apply\)$/m);
  });

  it("are run when their applicability test throws", () => {
    const report = runDiagnostics(files, undefined, { checks: [unsure] });
    assert.equal(report.results[0].status, "error");
  });
});

describe("runDiagnostics", () => {
  it("reports PASS / ERROR / WARNING in the summary form without changing anything", () => {
    const report = runDiagnostics(files, undefined, { checks: [passing, fixable, warning] });
    assert.deepEqual(
      report.results.map((r) => r.status),
      ["pass", "error", "warning"],
    );
    assert.deepEqual(report.counts, { pass: 1, fixed: 0, warning: 1, error: 1, notApplicable: 0 });
    assert.match(report.summary, /^✅ Fine Thing: PASS$/m);
    assert.match(report.summary, /^❌ Fixable Thing: ERROR \(a\.txt says bad\)$/m);
    assert.match(report.summary, /^⚠️ {2}Manual Thing: WARNING \(a\.txt says bad\)$/m);
    assert.match(report.summary, /1 warning requires manual attention/);
    assert.deepEqual(report.files, files);
    assert.deepEqual(report.changed, []);
  });

  it("applies only the fixes asked for, reports them as Fixed, and later checks see the fixed files", () => {
    const report = runDiagnostics(files, undefined, { checks: [fixable, warning], fix: ["fixable"] });
    assert.deepEqual(
      report.results.map((r) => r.status),
      ["fixed", "pass"],
    );
    assert.deepEqual(report.results[0].fixed, [{ file: "a.txt", line: 1, message: "a.txt says bad" }]);
    assert.match(report.summary, /🔧 Fixable Thing: Fixed \(a\.txt says bad\)/);
    assert.match(report.summary, /1 auto-fix applied successfully/);
    assert.match(report.summary, /All critical checks passed! ✓/);
    assert.deepEqual(report.changed, ["a.txt"]);
    assert.equal(report.files[0].content, "good\n");
    assert.equal(files[0].content, "bad\n", "the input is not modified");
  });

  it("keeps going when a check or a fix throws, and says so", () => {
    const report = runDiagnostics(files, undefined, { checks: [throwing, badFix, passing], fix: true });
    assert.deepEqual(
      report.results.map((r) => r.status),
      ["error", "error", "pass"],
    );
    assert.match(report.results[0].findings[0].message, /could not run: boom/);
    assert.deepEqual(report.changed, []);
  });
});
