/**
 * Forged credentials: JWTs an attacker can make (no signature, HMAC keyed
 * with the public key, a key of their own, a tampered signature) and session
 * cookies signed with the wrong secret. Tokens signed with the auth server's
 * real key but carrying wrong claims come from sign-jwt.ts instead.
 */
import { createHmac, createPublicKey, generateKeyPairSync, sign } from "node:crypto";

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");
const segment = (value: object) => b64url(JSON.stringify(value));

export type Claims = Record<string, unknown>;

export function unsignedJwt(kid: string, claims: Claims): string {
  return `${segment({ alg: "none", typ: "JWT", kid })}.${segment(claims)}.`;
}

/** The classic algorithm confusion: HS256 keyed with the server's public key, as PEM text. */
export function hs256WithPublicKey(publicJwk: Record<string, unknown>, claims: Claims): string {
  const pem = createPublicKey({ key: publicJwk as never, format: "jwk" }).export({ type: "spki", format: "pem" });
  const input = `${segment({ alg: "HS256", typ: "JWT", kid: publicJwk.kid })}.${segment(claims)}`;
  return `${input}.${createHmac("sha256", pem).update(input).digest("base64url")}`;
}

/** EdDSA with a freshly made Ed25519 key that the auth server never published. */
export function ownKeyJwt(kid: string, claims: Claims): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  const input = `${segment({ alg: "EdDSA", typ: "JWT", kid })}.${segment(claims)}`;
  return `${input}.${b64url(sign(null, Buffer.from(input), privateKey))}`;
}

/** The same token with one signature character changed (a middle one: the last may only carry padding bits). */
export function tamperSignature(jwt: string): string {
  const [header, payload, signature] = jwt.split(".");
  return `${header}.${payload}.${flipMiddleChar(signature)}`;
}

/** A signed session value (`token.signature`) with one signature character changed. */
export function tamperSessionSignature(signed: string): string {
  const [token, signature] = signed.split(".");
  return `${token}.${flipMiddleChar(signature ?? "")}`;
}

function flipMiddleChar(text: string): string {
  const i = Math.floor(text.length / 2);
  return `${text.slice(0, i)}${text[i] === "A" ? "B" : "A"}${text.slice(i + 1)}`;
}

/** A session cookie value as better-auth signs it: `token.base64(HMAC-SHA256(secret, token))`, URL-encoded. */
export function signedSessionValue(token: string, secret: string): string {
  return encodeURIComponent(`${token}.${createHmac("sha256", secret).update(token).digest("base64")}`);
}

export function decodeJwtPart(jwt: string, index: 0 | 1): Claims {
  return JSON.parse(Buffer.from(jwt.split(".")[index], "base64url").toString("utf8"));
}
