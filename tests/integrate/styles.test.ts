/**
 * The change on app shapes the fixtures do not cover: each dependency style
 * edited in its own style, an Alembic env.py with its own include_object, and
 * a psycopg2 app in database mode. Every edit is compared whole.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig, type Config } from "../../lib/config/schema";
import { integrateApp, type AppFile, type Integration } from "../../lib/integrate";

const encoder = new TextEncoder();

function config(validationMethod: "jwt" | "database"): Config {
  const parsed = parseConfig({ projectType: "existing", projectName: "tasks", session: { validationMethod }, stack: { framework: "hono" } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

const MAIN = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/tasks")\ndef tasks():\n    return []\n';

function integrate(files: Record<string, string>, validationMethod: "jwt" | "database" = "jwt"): Extract<Integration, { ok: true }> {
  const upload: AppFile[] = Object.entries({ "app/__init__.py": "", "app/main.py": MAIN, ...files }).map(([path, text]) => ({
    path,
    bytes: encoder.encode(text),
  }));
  const result = integrateApp(upload, config(validationMethod));
  assert.ok(result.ok, result.ok ? "" : result.reasons.join("\n"));
  return result;
}

const after = (result: Extract<Integration, { ok: true }>, path: string) => {
  const change = result.changes.find((c) => c.path === path);
  assert.ok(change, `${path} is changed`);
  return change.after;
};

describe("dependency styles", () => {
  it("adds Poetry dependencies at the end of [tool.poetry.dependencies], in Poetry's caret style, extras as a table", () => {
    const pyproject = [
      "[tool.poetry]",
      'name = "tasks"',
      'version = "0.1.0"',
      "",
      "[tool.poetry.dependencies]",
      'python = "^3.11"',
      'fastapi = "^0.110"',
      'uvicorn = { version = "^0.29", extras = ["standard"] }',
      "",
      "[tool.poetry.group.dev.dependencies]",
      'pytest = "^8"',
      "",
      "[build-system]",
      'requires = ["poetry-core"]',
      'build-backend = "poetry.core.masonry.api"',
      "",
    ].join("\n");
    const result = integrate({ "pyproject.toml": pyproject });
    assert.equal(result.discovery.dependencies?.manager, "poetry");
    assert.equal(
      after(result, "pyproject.toml"),
      pyproject.replace('extras = ["standard"] }\n', 'extras = ["standard"] }\npyjwt = { version = "^2.8", extras = ["crypto"] }\nhttpx = "^0.24"\n'),
    );
  });

  it("adds to a one-line PEP 621 array on the same line, in its quotes, pinned exactly when every entry is", () => {
    const ranged = '[project]\nname = "tasks"\nversion = "0.1.0"\ndependencies = ["fastapi>=0.111", "uvicorn"]\n';
    const result = integrate({ "pyproject.toml": ranged });
    assert.equal(result.discovery.dependencies?.manager, "pep621");
    assert.equal(
      after(result, "pyproject.toml"),
      '[project]\nname = "tasks"\nversion = "0.1.0"\ndependencies = ["fastapi>=0.111", "uvicorn", "pyjwt[crypto]>=2.8", "httpx>=0.24"]\n',
    );
    const pinned = "[project]\nname = 'tasks'\ndependencies = ['fastapi==0.115.0', 'uvicorn==0.30.0']\n\n[tool.ruff]\nline-length = 100\n";
    assert.equal(
      after(integrate({ "pyproject.toml": pinned }), "pyproject.toml"),
      "[project]\nname = 'tasks'\ndependencies = ['fastapi==0.115.0', 'uvicorn==0.30.0', 'pyjwt[crypto]==2.10.1', 'httpx==0.28.1']\n\n[tool.ruff]\nline-length = 100\n",
    );
  });
});

describe("Alembic", () => {
  it("composes an env.py's own include_object with the module's filter instead of replacing it", () => {
    const env = (filter: (own: string) => string, importLine: string) =>
      [
        "from alembic import context",
        "from sqlalchemy import engine_from_config, pool",
        "",
        "from app.models import Base",
        ...importLine.split("\n").filter(Boolean),
        "",
        "target_metadata = Base.metadata",
        "",
        "",
        "def include_object(object, name, type_, reflected, compare_to):",
        '    return not (type_ == "table" and name.startswith("tmp_"))',
        "",
        "",
        "def run_migrations_offline():",
        '    context.configure(url=context.config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, ' +
          `include_object=${filter("include_object")})`,
        "    with context.begin_transaction():",
        "        context.run_migrations()",
        "",
        "",
        "def run_migrations_online():",
        '    connectable = engine_from_config(context.config.get_section(context.config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)',
        "    with connectable.connect() as connection:",
        "        context.configure(",
        "            connection=connection,",
        "            target_metadata=target_metadata,",
        `            include_object=${filter("include_object")},`,
        "        )",
        "        with context.begin_transaction():",
        "            context.run_migrations()",
        "",
        "",
        "if context.is_offline_mode():",
        "    run_migrations_offline()",
        "else:",
        "    run_migrations_online()",
        "",
      ].join("\n");
    const own = env((f) => f, "");
    const result = integrate({
      "requirements.txt": "fastapi>=0.110\nsqlalchemy>=2\nalembic>=1.13\npsycopg[binary]>=3.1\n",
      "app/models.py": "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n",
      "alembic.ini": "[alembic]\nscript_location = migrations\n",
      "migrations/env.py": own,
    });
    assert.equal(result.discovery.alembic?.includeObject, true);
    assert.equal(
      after(result, "migrations/env.py"),
      env((f) => `sidecar_auth.also_leaving_auth_tables_alone(${f})`, "from app import sidecar_auth"),
    );
  });
});

describe("psycopg2 apps in database mode", () => {
  it("queries better-auth's sessions with the app's own psycopg2, off the event loop, adding no requirement", () => {
    const result = integrate(
      {
        "requirements.txt": "fastapi==0.115.0\nsqlalchemy==2.0.36\npsycopg2-binary==2.9.10\n",
        "app/db.py":
          'import os\n\nfrom sqlalchemy import create_engine\n\nengine = create_engine(os.environ.get("DATABASE_URL", "postgresql+psycopg2://localhost/tasks"))\n',
      },
      "database",
    );
    assert.deepEqual(result.discovery.database, { orm: "sqlalchemy", async: false, driver: "psycopg2" });
    assert.equal(
      result.changes.find((c) => c.path === "requirements.txt"),
      undefined,
    );
    const module = result.changes.find((c) => c.kind === "added")!.after;
    assert.match(module, /^from psycopg2\.pool import ThreadedConnectionPool$/m);
    assert.match(module, /run_in_threadpool\(self\._fetch_in_thread, tokens\)/);
    assert.match(module, /WHERE s\."token" = ANY\(%s\) /);
    assert.doesNotMatch(module, /^import (?:asyncpg|psycopg)$/m);
    assert.match(module, /url = _setting\("DATABASE_URL"\)/);
    const record = JSON.parse(String(result.files.find((f) => f.path === "sidecar.json")!.content));
    assert.deepEqual(record.integration.requirementsAdded, []);
  });
});
