import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveConfig } from "../../lib/config/resolve";
import { DEFAULT_CONFIG, type Config } from "../../lib/config/schema";
import { systemPicture } from "../../lib/questions/system";

const pictureOf = (apply: (c: Config) => void) => {
  const config = structuredClone(DEFAULT_CONFIG);
  apply(config);
  return systemPicture(resolveConfig(config), "7 days");
};
const linkLabels = (picture: ReturnType<typeof systemPicture>) => picture.links.map((l) => `${l.from}→${l.to}: ${l.label}`);

describe("the system picture", () => {
  it("shows JWT mode: bearer JWTs to the backend, which fetches the JWKS, and no session lookup", () => {
    const picture = pictureOf(() => {});
    assert.equal(picture.method, "JWT via the auth server's JWKS");
    assert.ok(linkLabels(picture).includes("frontend→backend: Authorization: Bearer JWT"));
    assert.ok(linkLabels(picture).includes("backend→auth: JWKS public keys, cached"));
    assert.ok(!picture.links.some((l) => l.label.includes("session lookup")));
    assert.deepEqual(picture.boxes.auth.lines, ["better-auth on Hono", "Vercel, port 3001"]);
    assert.deepEqual(picture.boxes.frontend.lines, ["http://localhost:3000"]);
  });

  it("shows database mode: the backend looks sessions up and asks the auth server for nothing", () => {
    const picture = pictureOf((c) => {
      c.session.validationMethod = "database";
      c.database.host = "supabase";
      c.deployment.apiServer = "docker";
    });
    assert.ok(linkLabels(picture).includes("backend→database: session lookup, app tables"));
    assert.ok(!picture.links.some((l) => l.from === "backend" && l.to === "auth"));
    assert.deepEqual(picture.boxes.database.lines, ["Supabase"]);
    assert.deepEqual(picture.boxes.backend.lines, ["Docker, port 8000"]);
    assert.match(picture.steps[0], /7 days/);
  });

  it("says cookies cross sites when a frontend is elsewhere, and shortens a long origin list", () => {
    const picture = pictureOf((c) => {
      c.cors.origins = ["https://a.example.com", "https://b.example.com", "https://c.example.com", "https://d.example.com", "https://e.example.com"];
    });
    assert.match(picture.links[0].label, /SameSite=None/);
    assert.deepEqual(picture.boxes.frontend.lines, ["https://a.example.com", "https://b.example.com", "https://c.example.com", "and 2 more"]);
  });
});
