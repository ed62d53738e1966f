"use client";
/** The same project without the browser: the CLI command and, on a server deployment, the HTTP endpoint. */
import { useEffect, useState } from "react";

const STATIC_SITE = process.env.NEXT_PUBLIC_SIDECAR_STATIC === "1";

/** Single-quotes a value for a POSIX shell. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

type Props = {
  /** The project name (a validated slug, safe in a shell word). */
  projectName: string | null;
  /** The settings that differ from the defaults. */
  settings: Record<string, unknown> | null;
  permalink: string | null;
  /** The folder of a multi-app upload the user chose to integrate; "" or undefined for the whole upload. */
  appFolder?: string;
};

/** An existing app is read from a path on the user's machine; these stand for it. */
const APP_FOLDER = "path/to/your-app";
const APP_ZIP = "your-app.zip";

const configFile = (settings: Record<string, unknown>) =>
  // A quoted heredoc delimiter: the shell takes the JSON literally.
  `cat > sidecar.config.json <<'SIDECAR_CONFIG'\n${JSON.stringify(settings, null, 2)}\nSIDECAR_CONFIG\n`;

/** An existing app: where it is, and the chosen folder inside it when the upload holds more than the app. */
export type ExistingApp = { folder: string } | undefined;

export function cliCommand(projectName: string, settings: Record<string, unknown>, existing: ExistingApp): string {
  const app = existing ? ` --existing ${APP_FOLDER}${existing.folder ? ` --app ${shellQuote(existing.folder)}` : ""}` : "";
  return `${configFile(settings)}npm run generate --${app} --config sidecar.config.json --out ${projectName}.zip`;
}

export function curlCommand(origin: string, projectName: string, permalink: string, settings: Record<string, unknown>, existing: ExistingApp): string {
  // A link never carries the app: the app's zip goes up as a multipart form beside the configuration.
  if (existing) {
    // --form-string: a folder named @x or <x is sent as its name, never as a file's content.
    const folder = existing.folder ? ` --form-string ${shellQuote(`appPath=${existing.folder}`)}` : "";
    return `${configFile(settings)}curl -fsS -o ${projectName}.zip -F config=@sidecar.config.json -F app=@${APP_ZIP}${folder} ${shellQuote(`${origin}/api/generate`)}`;
  }
  return `curl -fsS -o ${projectName}.zip ${shellQuote(`${origin}/api/generate?${permalink}`)}`;
}

export function HeadlessCommands({ projectName, settings, permalink, appFolder }: Props) {
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  if (!projectName || !settings || !permalink) return null;
  const existing: ExistingApp = settings.projectType === "existing" ? { folder: appFolder ?? "" } : undefined;
  const code = "mt-1 overflow-x-auto whitespace-pre rounded-md bg-slate-100 p-2 font-mono text-xs dark:bg-slate-900";
  return (
    <details className="mt-6 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <summary className="cursor-pointer font-semibold">Generate it from a terminal</summary>
      <p className="mt-2 text-sm">With the Sidecar repository checked out (same generator, same zip):</p>
      <pre className={code} tabIndex={0} data-testid="cli-command">
        {cliCommand(projectName, settings, existing)}
      </pre>
      {STATIC_SITE ? (
        <p className="mt-3 text-sm">
          This copy of Sidecar is a static site; its HTTP endpoint (<code>GET /api/generate</code>) exists when Sidecar runs as a server (<code>npm start</code>
          ).
        </p>
      ) : (
        <>
          <p className="mt-3 text-sm">
            {existing
              ? "From this server's HTTP endpoint, with your app zipped:"
              : "From this server's HTTP endpoint (or POST the JSON above to /api/generate):"}
          </p>
          <pre className={code} tabIndex={0} data-testid="curl-command">
            {curlCommand(origin, projectName, permalink, settings, existing)}
          </pre>
        </>
      )}
    </details>
  );
}
