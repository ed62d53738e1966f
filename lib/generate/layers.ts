/**
 * Template layers: `templates/<dir>/…` is copied into `<into>/…` of the
 * generated project when its condition holds. The shared layers are parts of
 * every project (or of a derived feature); each option axis has one folder
 * per value, `templates/<axis>/<value>/`, so a new value is a new folder
 * beside its peers. A layer is a feature, never a combination of options;
 * two layers may not write the same path.
 */
import { DOCS_LAYOUT_SPECS } from "../config/option-specs";
import { API_SERVER_TARGETS, AUTH_SERVER_TARGETS, DOCS_LAYOUTS, FRAMEWORKS, ORMS, VALIDATION_METHODS } from "../config/options";
import type { ResolvedConfig } from "../config/resolve";

export type Layer = { dir: string; into: string; when: (config: ResolvedConfig) => boolean };

type Axis = { values: readonly string[]; into: string; of: (config: ResolvedConfig) => string };

/** The option axes that have template folders, by folder name under templates/. */
export const TEMPLATE_AXES = {
  framework: { values: FRAMEWORKS, into: "auth-server", of: (c) => c.stack.framework },
  orm: { values: ORMS, into: "auth-server", of: (c) => c.stack.orm },
  "auth-server-target": { values: AUTH_SERVER_TARGETS, into: "auth-server", of: (c) => c.deployment.authServer },
  validation: { values: VALIDATION_METHODS, into: "backend", of: (c) => c.session.validationMethod },
  "api-server-target": { values: API_SERVER_TARGETS, into: "backend", of: (c) => c.deployment.apiServer },
} satisfies Record<string, Axis>;

const always = () => true;

const SHARED_LAYERS: Layer[] = [
  { dir: "project", into: "", when: always },
  { dir: "docker-compose", into: "", when: (c) => c.resolved.usesDockerCompose },
  { dir: "auth-server", into: "auth-server", when: always },
  { dir: "backend", into: "backend", when: always },
  { dir: "frontend", into: "frontend", when: always },
  // A feature of its own, on by default: the example resource and its migration.
  { dir: "backend-notes", into: "backend", when: (c) => c.backend.exampleResource },
  // The decision records, in the folder the documentation layout keeps them in.
  ...DOCS_LAYOUTS.map((layout) => ({ dir: "adr", into: DOCS_LAYOUT_SPECS[layout].adrDir, when: (c: ResolvedConfig) => c.docs.layout === layout })),
  // Redis rate-limit storage: the client and better-auth's secondary storage on it.
  { dir: "auth-server-redis", into: "auth-server", when: (c) => c.resolved.rateLimitStorage === "redis" },
];

const AXIS_LAYERS: Layer[] = Object.entries(TEMPLATE_AXES).flatMap(([axis, { values, into, of }]: [string, Axis]) =>
  values.map((value) => ({ dir: `${axis}/${value}`, into, when: (c: ResolvedConfig) => of(c) === value })),
);

export const LAYERS: Layer[] = [...SHARED_LAYERS, ...AXIS_LAYERS];
