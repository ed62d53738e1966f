/**
 * integrateApp: an uploaded FastAPI app and a configuration in, the app with
 * the smallest change that makes it trust a better-auth server out. Pure and
 * free of Node-only APIs, so the Web Worker, the CLI and the HTTP route share it.
 */
import type { Config } from "../config/schema";
import type { AppFile, IntegrateOptions, Integration } from "./types";

export type * from "./types";

export function integrateApp(app: readonly AppFile[], config: Config, options: IntegrateOptions = {}): Integration {
  void app;
  void config;
  void options;
  return { ok: false, reasons: ["Integrating an existing app is being built."] };
}
