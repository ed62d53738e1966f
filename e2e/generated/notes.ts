/**
 * The example resource over HTTP, with the credential the config's mode
 * uses, and the cross-site write defence of database mode: a write carried
 * by the session cookie is accepted only from a configured origin.
 */
import { assertThat, expectStatus, jsonObject, send, type Reply } from "./http";
import { FOREIGN_ORIGIN, type Project } from "./project";
import type { ConfigReport } from "./report";
import type { Identity } from "./signin";

const NOTE_KEYS = ["body", "createdAt", "id", "title", "updatedAt"];

async function backendRequest(p: Project, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Reply> {
  const response = await send(new URL(path, p.backendUrl), {
    method,
    headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (204); callers that need JSON say so.
  }
  return { status: response.status, headers: response.headers, text, json, setCookies: [] };
}

export async function checkNotes(p: Project, report: ConfigReport, identity: Identity): Promise<void> {
  if (!p.config.backend.exampleResource) {
    await report.request("backend without the example resource: /api/notes → 404", async () => {
      expectStatus(await backendRequest(p, "GET", "/api/notes", { authorization: `Bearer ${identity.jwt ?? identity.signed}` }), 404, "GET /api/notes");
    });
    return;
  }
  const bearer = { authorization: `Bearer ${identity.jwt ?? identity.signed}` };
  let id = "";
  await report.request("backend POST /api/notes with the bearer credential → 201 with the note; GET, PATCH, DELETE follow it", async () => {
    const created = await backendRequest(p, "POST", "/api/notes", bearer, { title: "E2E note", body: "written by the e2e" });
    expectStatus(created, 201, "POST /api/notes");
    const note = jsonObject(created, "POST /api/notes");
    assertThat(JSON.stringify(Object.keys(note).sort()) === JSON.stringify(NOTE_KEYS), `note keys are ${Object.keys(note).join(", ")}`);
    id = String(note.id);
    const listed = await backendRequest(p, "GET", "/api/notes", bearer);
    expectStatus(listed, 200, "GET /api/notes");
    assertThat(Array.isArray(listed.json) && listed.json.some((n: { id?: string }) => n.id === id), `the list lacks ${id}: ${listed.text.slice(0, 300)}`);
    const patched = await backendRequest(p, "PATCH", `/api/notes/${id}`, bearer, { title: "Renamed" });
    expectStatus(patched, 200, "PATCH /api/notes/{id}");
    assertThat(
      jsonObject(patched, "PATCH").title === "Renamed" && jsonObject(patched, "PATCH").body === "written by the e2e",
      `PATCH returned ${patched.text}`,
    );
    expectStatus(await backendRequest(p, "DELETE", `/api/notes/${id}`, bearer), 204, "DELETE /api/notes/{id}");
    expectStatus(await backendRequest(p, "GET", `/api/notes/${id}`, bearer), 404, "GET of the deleted note");
  });
  await report.request("backend POST /api/notes with an empty title → 422; without a credential → 401", async () => {
    expectStatus(await backendRequest(p, "POST", "/api/notes", bearer, { title: "" }), 422, "POST with an empty title");
    expectStatus(await backendRequest(p, "POST", "/api/notes", {}, { title: "x" }), 401, "POST without a credential");
  });
  await checkCookieWrites(p, report, identity);
}

/** Database mode reads the session cookie, so a browser on another site could make it write: only configured origins may. */
async function checkCookieWrites(p: Project, report: ConfigReport, identity: Identity): Promise<void> {
  const cookie = { cookie: identity.browser.cookieHeader() };
  const post = (headers: Record<string, string>) => backendRequest(p, "POST", "/api/notes", { ...cookie, ...headers }, { title: "from a cookie" });
  if (p.config.session.validationMethod === "jwt") {
    await report.request("JWT-mode backend ignores the session cookie: a cookie-only POST /api/notes → 401", async () => {
      expectStatus(await post({ origin: p.config.cors.origins[0] }), 401, "cookie-only POST in JWT mode");
    });
    return;
  }
  await report.request("cookie-authenticated POST /api/notes from a configured Origin → 201", async () => {
    expectStatus(await post({ origin: p.config.cors.origins[0] }), 201, "cookie POST from a configured origin");
  });
  const refusals: [string, Record<string, string>][] = [
    [`Origin ${FOREIGN_ORIGIN}`, { origin: FOREIGN_ORIGIN }],
    ["Origin: null", { origin: "null" }],
    ["no Origin and a foreign Referer", { referer: `${FOREIGN_ORIGIN}/form` }],
  ];
  for (const [label, headers] of refusals) {
    await report.request(`cookie-authenticated POST /api/notes with ${label} → 403 JSON`, async () => {
      const reply = await post(headers);
      expectStatus(reply, 403, `cookie POST with ${label}`);
      assertThat(String(jsonObject(reply, "403").detail).startsWith("Cross-site request refused"), `unexpected 403 body: ${reply.text}`);
    });
  }
}
