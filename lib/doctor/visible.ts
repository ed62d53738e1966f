/**
 * Project content made safe to print on a terminal: control characters (C0,
 * DEL, C1), line and paragraph separators and bidirectional controls become
 * visible escapes (`\x1b`, `\u202e`), so a crafted file name or value can
 * neither move the cursor, recolour, retitle the window, nor reorder the text
 * around it.
 */
const isInvisible = (code: number) =>
  code <= 0x1f || // C0
  (code >= 0x7f && code <= 0x9f) || // DEL, C1
  code === 0x061c || // Arabic letter mark
  code === 0x200e || // left-to-right mark
  code === 0x200f || // right-to-left mark
  code === 0x2028 || // line separator
  code === 0x2029 || // paragraph separator
  (code >= 0x202a && code <= 0x202e) || // bidirectional embeddings and overrides
  (code >= 0x2066 && code <= 0x2069); // bidirectional isolates

const escape = (ch: string) => {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/** One line of output: every invisible or controlling character escaped (newlines included). */
export function visibleLine(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    out += isInvisible(ch.charCodeAt(0)) ? escape(ch) : ch;
  }
  return out;
}

/** Several lines: each escaped, the line breaks kept. */
export function visibleLines(text: string): string {
  return text.split("\n").map(visibleLine).join("\n");
}
