import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { appFolders } from "../../lib/integrate/folders";
import { readFixture } from "./fixtures";

const text = (path: string, content: string) => ({ path, bytes: new TextEncoder().encode(content) });
const under = (folder: string, name: Parameters<typeof readFixture>[0]) => readFixture(name).map((f) => ({ ...f, path: `${folder}/${f.path}` }));

describe("appFolders: the upload's folders that may hold the FastAPI app", () => {
  it("is the upload's top folder alone for an app uploaded by itself", () => {
    assert.deepEqual(appFolders(readFixture("greeter-environ")), [""]);
    assert.deepEqual(appFolders(readFixture("notes-uv")), [""]);
  });

  it("lists each service of a larger upload, and not a folder whose dependencies lack fastapi", () => {
    const upload = [...under("services/greeter", "greeter-environ"), ...under("services/shop", "shop-asyncpg"), ...under("tools", "not-fastapi")];
    assert.deepEqual(appFolders(upload), ["services/greeter", "services/shop"]);
  });

  it("counts requirements/ folders and pyproject.toml files, whatever their case of fastapi", () => {
    const upload = [
      text("api/requirements/base.txt", "FastAPI>=0.110\n"),
      text("api/requirements/requirements-dev.txt", "pytest\n"),
      text("worker/pyproject.toml", '[project]\ndependencies = ["fastapi==0.115.0"]\n'),
      text("web/package.json", '{"dependencies": {"fastapi": "1"}}'),
      text("docs/fastapi.md", "fastapi"),
    ];
    assert.deepEqual(appFolders(upload), ["api", "worker"]);
  });

  it("is empty when nothing names fastapi", () => {
    assert.deepEqual(appFolders(readFixture("not-fastapi")), []);
  });
});
