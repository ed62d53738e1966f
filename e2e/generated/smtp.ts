/**
 * A real SMTP server in-process that keeps every message it receives, so the
 * test can follow the links in verification and magic-link emails exactly as
 * a user would. Plain SMTP on loopback: no STARTTLS offered (a self-signed
 * certificate would fail a client's verification) and any login accepted.
 */
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { onCleanup, sleep } from "./processes";

type CapturedMail = { to: string[]; subject: string; text: string; html: string; links: string[] };

export type MailCapture = {
  url: string;
  messages: CapturedMail[];
  /** Waits for the next message to `address` received after `since` messages, and returns it. */
  waitFor: (address: string, since: number, timeoutMs?: number) => Promise<CapturedMail>;
  stop: () => Promise<void>;
};

export async function startMailCapture(): Promise<MailCapture> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "e2e" }),
    onData: (stream, _session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          const text = mail.text ?? "";
          const html = typeof mail.html === "string" ? mail.html : "";
          const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
          messages.push({ to, subject: mail.subject ?? "", text, html, links: extractLinks(`${text}\n${html}`) });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.server.address() as { port: number }).port));
  });
  const stop = async () => {
    unregister();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const unregister = onCleanup(stop);

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor: async (address, since, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = messages.slice(since).find((m) => m.to.includes(address.toLowerCase()));
        if (found) return found;
        await sleep(100);
      }
      throw new Error(`no email to ${address} within ${timeoutMs} ms (${messages.length - since} other messages arrived)`);
    },
    stop,
  };
}

/** http(s) links in a message, HTML entities in attributes decoded. */
function extractLinks(body: string): string[] {
  const links = body.match(/https?:\/\/[^\s"'<>)\]]+/g) ?? [];
  return [...new Set(links.map((l) => l.replace(/&amp;/g, "&")))];
}
