import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { cliCommand, curlCommand } from "../../components/wizard/HeadlessCommands";

const SETTINGS = { projectType: "existing", projectName: "shop" };

/** The words a POSIX shell makes of the command's last line (after the heredoc writing the config). */
function shellWords(command: string): string[] {
  const last = command.split("\n").at(-1)!;
  return JSON.parse(
    execFileSync(
      "sh",
      ["-c", `printf '%s\\0' ${last.replace(/^\S+\s+/, "")} | python3 -c "import json,sys; print(json.dumps(sys.stdin.read().split('\\0')[:-1]))"`],
      { encoding: "utf8" },
    ),
  );
}

describe("the wizard's headless commands for an existing app", () => {
  it("name the folder chosen inside a multi-app upload, quoted for the shell", () => {
    const folder = "services/it's an @api";
    const cli = shellWords(cliCommand("shop", SETTINGS, { folder }));
    assert.equal(cli[cli.indexOf("--app") + 1], folder);
    assert.equal(cli[cli.indexOf("--existing") + 1], "path/to/your-app");
    const curl = shellWords(curlCommand("https://sidecar.example", "shop", "c=1", SETTINGS, { folder }));
    assert.equal(curl[curl.indexOf("--form-string") + 1], `appPath=${folder}`);
  });

  it("omit the folder when the whole upload is the app, and for a new project", () => {
    assert.doesNotMatch(cliCommand("shop", SETTINGS, { folder: "" }), /--app\b/);
    assert.doesNotMatch(curlCommand("https://sidecar.example", "shop", "c=1", SETTINGS, { folder: "" }), /appPath/);
    assert.doesNotMatch(cliCommand("shop", { projectName: "shop" }, undefined), /--existing|--app\b/);
  });
});
