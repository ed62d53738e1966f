/** Which packages the diagnostics treat as the auth server: a frontend with better-auth's client is not one. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { authServerRoots } from "../../lib/diagnostics/project";

const pkg = (path: string) => ({ path, content: JSON.stringify({ dependencies: { "better-auth": "1.7.25" } }) });

describe("authServerRoots", () => {
  it("skips a package that only uses better-auth's client, keeps the one that creates the server", () => {
    const files = [
      pkg("auth-server/package.json"),
      { path: "auth-server/src/auth.ts", content: 'import { betterAuth } from "better-auth";\nexport const auth = betterAuth({});' },
      pkg("frontend/package.json"),
      { path: "frontend/src/auth-client.ts", content: 'import { createAuthClient } from "better-auth/client";' },
      { path: "frontend/examples/react.tsx", content: 'import { createAuthClient } from "better-auth/react";' },
    ];
    assert.deepEqual(authServerRoots(files), ["auth-server/"]);
  });

  it("keeps a package whose sources are not visible, as before", () => {
    assert.deepEqual(authServerRoots([pkg("package.json")]), [""]);
  });

  it("keeps a package that both creates the server and imports the client (e.g. a full-stack app)", () => {
    const files = [
      pkg("package.json"),
      { path: "src/auth.ts", content: 'import { betterAuth } from "better-auth";\nexport const auth = betterAuth({});' },
      { path: "src/client.ts", content: 'import { createAuthClient } from "better-auth/react";' },
    ];
    assert.deepEqual(authServerRoots(files), [""]);
  });
});
