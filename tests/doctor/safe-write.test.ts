/** The doctor's writes on disk stay inside the project: no symbolic link is ever followed, whatever it points at. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { folderEntries, writeInside } from "../../lib/doctor/disk";
import { readProject } from "../../lib/doctor/read";
import { FIXTURES } from "../diagnostics/load-fixture";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "sidecar-safe-write-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** A project folder beside an "outside" folder holding a file and a folder the links point at. */
function layout(name: string) {
  const base = join(work, name);
  const project = join(base, "project");
  const outside = join(base, "outside");
  mkdirSync(join(project, "auth-server"), { recursive: true });
  mkdirSync(join(outside, "dir"), { recursive: true });
  writeFileSync(join(outside, "secret.txt"), "outside\n");
  writeFileSync(join(project, "auth-server", "real.txt"), "inside\n");
  return { project, outside };
}

describe("writeInside", () => {
  it("refuses links to a file and a folder outside, dangling links and links inside, and writes plain paths", () => {
    const { project, outside } = layout("unit");
    symlinkSync(join(outside, "secret.txt"), join(project, "file-out"));
    symlinkSync(join(outside, "dir"), join(project, "dir-out"));
    symlinkSync(join(outside, "missing.txt"), join(project, "dangling"));
    symlinkSync(join(outside, "missing-dir"), join(project, "dangling-dir"));
    symlinkSync("auth-server/real.txt", join(project, "file-in"));
    symlinkSync("auth-server", join(project, "dir-in"));
    linkSync(join(outside, "secret.txt"), join(project, "hard-link"));

    const cases: [string, RegExp][] = [
      ["file-out", /it is a symbolic link/],
      ["dir-out/new.txt", /dir-out is a symbolic link/],
      ["dangling", /it is a symbolic link/],
      ["dangling-dir/new.txt", /dangling-dir is a symbolic link/],
      ["file-in", /it is a symbolic link/],
      ["dir-in/real.txt", /dir-in is a symbolic link/],
      ["hard-link", /other hard links/],
      ["auth-server/real.txt/x", /auth-server\/real\.txt is not a folder/],
      ["../outside/secret.txt", /leaves the project/],
      ["/etc/passwd", /absolute path/],
    ];
    for (const [path, reason] of cases) {
      const outcome = writeInside(project, path, "pwned\n");
      assert.equal(outcome.written, false, path);
      assert.match((outcome as { reason: string }).reason, reason, path);
    }
    assert.equal(readFileSync(join(outside, "secret.txt"), "utf8"), "outside\n");
    assert.ok(!existsSync(join(outside, "missing.txt")) && !existsSync(join(outside, "dir", "new.txt")) && !existsSync(join(outside, "missing-dir")));
    assert.equal(readFileSync(join(project, "auth-server", "real.txt"), "utf8"), "inside\n");

    assert.deepEqual(writeInside(project, "auth-server/real.txt", "short\n"), { path: "auth-server/real.txt", written: true });
    assert.equal(readFileSync(join(project, "auth-server", "real.txt"), "utf8"), "short\n");
    assert.deepEqual(writeInside(project, "new/deeper/file.txt", "n\n"), { path: "new/deeper/file.txt", written: true });
    assert.ok(lstatSync(join(project, "new", "deeper")).isDirectory());
  });

  it("reads a folder's links as links (never followed), keeping file modes", async () => {
    const { project, outside } = layout("read");
    writeFileSync(join(project, "run.sh"), "#!/bin/sh\n", { mode: 0o755 });
    symlinkSync(join(outside, "dir"), join(project, "dir-out"));
    const loaded = await readProject(folderEntries(project));
    assert.deepEqual(loaded.links, ["dir-out"]);
    assert.equal(loaded.files.find((f) => f.path === "run.sh")?.mode, 0o755);
  });
});

describe("npm run doctor -- <folder> --fix", () => {
  it("skips a vercel.json that is a symbolic link, and refuses to rewrite one hard-linked outside, saying so", () => {
    const base = join(work, "cli");
    const project = join(base, "project");
    cpSync(join(FIXTURES, "clean"), project, { recursive: true });
    cpSync(join(FIXTURES, "broken", "vercel"), project, { recursive: true });
    const vercelJson = readFileSync(join(project, "auth-server", "vercel.json"), "utf8");
    writeFileSync(join(base, "target.json"), vercelJson);
    rmSync(join(project, "auth-server", "vercel.json"));
    linkSync(join(base, "target.json"), join(project, "auth-server", "vercel.json"));
    symlinkSync(join(base, "target.json"), join(project, "auth-server", "vercel.local.json"));
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/doctor.ts", project, "--fix"], { cwd: ROOT, encoding: "utf8" });
    const out = result.stdout + result.stderr;
    assert.match(out, /skipped auth-server\/vercel\.local\.json: symbolic link: not followed, not written/);
    assert.match(out, /not written auth-server\/vercel\.json: it has other hard links/);
    assert.equal(readFileSync(join(base, "target.json"), "utf8"), vercelJson);
  });

  it("prints control characters from project files visibly", () => {
    const project = join(work, "ansi");
    cpSync(join(FIXTURES, "clean"), project, { recursive: true });
    writeFileSync(join(project, "auth-server", ".env"), "CORS_ORIGINS=http://localhost:3000\x1b[2K\r\x1b[32m✅ CORS Origins: PASS\x1b]0;owned\x07\n");
    writeFileSync(join(project, "auth-server", "x\x1b]0;title\x07.bin"), new Uint8Array([0, 1]));
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/doctor.ts", project], { cwd: ROOT, encoding: "utf8" });
    const out = result.stdout + result.stderr;
    // C0 but tab and newline, and DEL.
    const raw = out.split("").some((ch) => {
      const code = ch.charCodeAt(0);
      return code <= 0x08 || (code >= 0x0b && code <= 0x1f) || code === 0x7f;
    });
    assert.ok(!raw, "no raw control character reaches the terminal");
    assert.match(out, /x\\x1b\]0;title\\x07\.bin/);
  });

  it("keeps a message that quotes a value with a line break on one line", () => {
    const project = join(work, "forged-line");
    cpSync(join(FIXTURES, "clean"), project, { recursive: true });
    const env = join(project, "auth-server", ".env");
    const forged = String.raw`CORS_ORIGINS=["http://localhost:3000","http://a\n✅ CORS Origins: PASS"]`;
    writeFileSync(env, readFileSync(env, "utf8").replace(/^CORS_ORIGINS=.*$/m, forged));
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/doctor.ts", project], { cwd: ROOT, encoding: "utf8" });
    const lines = (result.stdout + result.stderr).split("\n");
    assert.ok(lines.some((line) => line.includes(String.raw`http://a\x0a✅ CORS Origins: PASS`)));
    assert.ok(!lines.some((line) => line.startsWith("✅ CORS Origins")), "no line of the output is the forged one");
  });
});
