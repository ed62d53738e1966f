/**
 * The defaults each permalink version was made against. A link leaves out
 * every setting at its default, so it only means the same project as long as
 * its version's defaults are the ones filled in when it is read. Changing a
 * default in lib/config/schema.ts therefore means a new PERMALINK_VERSION with
 * its own entry here; the entries of older versions never change, and a test
 * holds the current entry equal to the schema's defaults.
 */
import type { Config } from "../config/schema";

const VERSION_1: Config = {
  version: 1,
  projectType: "new",
  projectName: "my-app",
  description: "A FastAPI backend with better-auth authentication",
  database: { host: "neon" },
  auth: {
    emailPassword: { enabled: true, requireEmailVerification: false, minPasswordLength: 8, maxPasswordLength: 128 },
    oauth: { providers: [] },
    magicLink: { enabled: false },
  },
  session: { validationMethod: "jwt", expiresIn: 604800, cookieCache: { enabled: true, maxAge: 300 } },
  deployment: { authServer: "vercel", apiServer: "render", useDocker: false },
  cors: { origins: ["http://localhost:3000"], sameSite: "auto" },
  rateLimit: { enabled: true, window: 60, max: 10, storage: "auto" },
  stack: { framework: "hono", orm: "pg" },
  email: { transport: "smtp" },
  ports: { backend: 8000 },
  // Every link made before the setting existed means the standard layout, its default.
  docs: { layout: "standard" },
  // Version 1 links predate the example resource: their projects have none.
  backend: { exampleResource: false },
};

export const LINK_DEFAULTS: Readonly<Record<number, Config>> = {
  1: VERSION_1,
  // Version 2: projects get the example notes resource unless a link turns it off.
  2: { ...VERSION_1, backend: { exampleResource: true } },
};
