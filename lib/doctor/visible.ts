/**
 * Project content made safe to print on a terminal: control characters (C0,
 * DEL, C1), line and paragraph separators and bidirectional controls become
 * visible escapes (`\x1b`, `\u202e`), so a crafted file name or value can
 * neither move the cursor, recolour, retitle the window, nor reorder the text
 * around it.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (ch: string) => {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/** One line of output: every invisible or controlling character escaped (newlines included). */
export function visible(text: string): string {
  return text.replace(INVISIBLE, escape);
}

/** Several lines: each escaped, the line breaks kept. */
export function visibleLines(text: string): string {
  return text.split("\n").map(visible).join("\n");
}
