/**
 * Text values in a permalink. Plain text is percent-encoded (readable in the
 * address bar); text that would grow too much that way (non-Latin scripts,
 * emoji, punctuation) is written as `~` + base64url of its UTF-16 code units,
 * which costs at most 8/3 characters per code unit. The shorter form wins.
 */

/** Characters that stay literal in a query value (RFC 3986 pchar minus `&`, `=`, `+`, `,`). */
const KEEP_LITERAL = /%(?:3A|2F|40|3B|24)/g;

/**
 * Percent-encodes a value; `,` stays encoded so it can separate list items, and
 * `'` is encoded as browsers do in an address, so the link in the address bar
 * is exactly the one this returns.
 */
function escapeValue(value: string): string {
  return encodeURIComponent(value)
    .replace(KEEP_LITERAL, (escaped) => decodeURIComponent(escaped))
    .replace(/'/g, "%27");
}

export function encodeText(value: string): string {
  // A leading `~` would read as the base64 marker: escape it.
  const escaped = escapeValue(value).replace(/^~/, "%7E");
  if (/^[\x20-\x7e]*$/.test(value)) return escaped;
  const packed = `~${utf16ToBase64Url(value)}`;
  return packed.length < escaped.length ? packed : escaped;
}

/** The text, or undefined when the value is not readable percent-encoding or base64url. */
export function decodeText(raw: string): string | undefined {
  if (raw.startsWith("~")) return base64UrlToUtf16(raw.slice(1));
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

function utf16ToBase64Url(value: string): string {
  let binary = "";
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    binary += String.fromCharCode(unit >> 8, unit & 0xff);
  }
  return btoa(binary)
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/={1,2}$/, "");
}

function base64UrlToUtf16(encoded: string): string | undefined {
  if (!/^[\w-]*$/.test(encoded)) return undefined;
  let binary: string;
  try {
    binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return undefined;
  }
  if (binary.length % 2 !== 0) return undefined;
  let out = "";
  for (let i = 0; i < binary.length; i += 2) out += String.fromCharCode((binary.charCodeAt(i) << 8) | binary.charCodeAt(i + 1));
  return out;
}
