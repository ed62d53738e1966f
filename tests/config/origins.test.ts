/** Which origins count as a browser on this machine, for the cookie decision and the cookie check alike. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isLocalOrigin, resolveConfig } from "../../lib/config/resolve";
import { parseConfig } from "../../lib/config/schema";

describe("isLocalOrigin", () => {
  it("accepts loopback hosts, which browsers treat as secure contexts over http", () => {
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:8080"]) assert.equal(isLocalOrigin(origin), true, origin);
  });

  it("rejects 0.0.0.0, a bind address with no secure context, and every other host", () => {
    for (const origin of ["http://0.0.0.0:3000", "https://app.example.com", "http://localhost.example.com"]) assert.equal(isLocalOrigin(origin), false, origin);
  });

  it("is false for text that is not an origin", () => {
    assert.equal(isLocalOrigin("not a url"), false);
  });

  it("makes an app served on 0.0.0.0 get cross-site cookies", () => {
    const config = parseConfig({ cors: { origins: ["http://0.0.0.0:3000"] } });
    assert.ok(config.ok);
    assert.equal(resolveConfig(config.config).resolved.sameSite, "none");
  });
});
