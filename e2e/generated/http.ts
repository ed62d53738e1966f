/**
 * A minimal HTTP client for the generated services: a cookie jar per
 * simulated browser, an Origin header on every request (better-auth refuses
 * cookie-bearing POSTs without a trusted one), and pacing for sign-in and
 * sign-up, which better-auth limits to 3 per 10 s per path whatever the
 * configured rate limit says: the test waits instead of tripping that rule.
 */
import { sleep } from "./processes";

/** A hung service fails its check instead of stalling the run. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** HTTP requests sent to the services under test, for the report. */
export const sent = { requests: 0 };

/** fetch with a timeout, counted in `sent`. */
export function send(url: string | URL, init: RequestInit = {}): Promise<Response> {
  sent.requests++;
  return fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...init });
}

export type Reply = { status: number; headers: Headers; text: string; json: unknown; setCookies: string[] };

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly origin: string,
  ) {}

  async request(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; cookies?: boolean } = {}): Promise<Reply> {
    await paceSignIns(this.baseUrl, path);
    const headers: Record<string, string> = { origin: this.origin, ...options.headers };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.cookies !== false && this.cookies.size) headers.cookie = this.cookieHeader();
    const response = await send(new URL(path, this.baseUrl), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: "manual",
    });
    const setCookies = response.headers.getSetCookie();
    for (const cookie of setCookies) this.store(cookie);
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON; callers that need JSON say so.
    }
    return { status: response.status, headers: response.headers, text, json, setCookies };
  }

  get = (path: string, headers?: Record<string, string>) => this.request("GET", path, { headers });
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request("POST", path, { body: body ?? {}, headers });

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** The session cookie's name and value (the name may carry a `__Secure-` prefix). */
  sessionCookie(): { name: string; value: string } | undefined {
    const entry = [...this.cookies].find(([name]) => name.endsWith("session_token"));
    return entry && { name: entry[0], value: entry[1] };
  }

  private store(setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const maxAge = attributes.map((a) => a.trim().toLowerCase()).find((a) => a.startsWith("max-age="));
    if (value === "" || maxAge === "max-age=0") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

const SIGN_IN_WINDOW_MS = 10_000;
const SIGN_IN_MAX = 3;
const SAFETY_MS = 750;
const signInTimes = new Map<string, number[]>();

/**
 * better-auth's limiter counts requests until one arrives a whole window
 * after the previous one (the window restarts from the last request, not
 * the first), so after 3 close together the next must wait a window.
 */
export async function paceSignIns(baseUrl: string, path: string): Promise<void> {
  const pathname = new URL(path, baseUrl).pathname;
  if (!/^\/api\/auth\/(?:sign-in|sign-up)/.test(pathname)) return;
  const key = baseUrl + pathname;
  const times = signInTimes.get(key) ?? [];
  let count = 0;
  for (let i = 0; i < times.length; i++) count = i > 0 && times[i] - times[i - 1] >= SIGN_IN_WINDOW_MS ? 1 : count + 1;
  const last = times.at(-1) ?? 0;
  const wait = count >= SIGN_IN_MAX ? last + SIGN_IN_WINDOW_MS + SAFETY_MS - Date.now() : 0;
  if (wait > 0) await sleep(wait);
  signInTimes.set(key, [...times.slice(-10), Date.now()]);
}

/** Throws a readable error unless the reply has the expected status. */
export function expectStatus(reply: Reply, expected: number, what: string): void {
  if (reply.status !== expected) {
    throw new Error(`${what}: expected HTTP ${expected}, got ${reply.status}: ${reply.text.slice(0, 400)}`);
  }
}

export function assertThat(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** A JSON object from the reply, or an error naming what was expected. */
export function jsonObject(reply: Reply, what: string): Record<string, unknown> {
  if (typeof reply.json !== "object" || reply.json === null) throw new Error(`${what}: expected a JSON object, got ${reply.text.slice(0, 300)}`);
  return reply.json as Record<string, unknown>;
}
