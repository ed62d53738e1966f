/**
 * Template layers: `templates/<dir>/…` is copied into `<into>/…` of the
 * generated project when its condition holds. A layer is a feature (a
 * framework, an ORM, a deployment target), never a combination of options;
 * two layers may not write the same path.
 */
import type { ResolvedConfig } from "../config/resolve";

export type Layer = { dir: string; into: string; when: (config: ResolvedConfig) => boolean };

const always = () => true;

export const LAYERS: Layer[] = [
  { dir: "project", into: "", when: always },
  { dir: "docker-compose", into: "", when: (c) => c.resolved.usesDockerCompose },
  { dir: "auth-server", into: "auth-server", when: always },
  { dir: "auth-server-hono", into: "auth-server", when: (c) => c.stack.framework === "hono" },
  { dir: "auth-server-express", into: "auth-server", when: (c) => c.stack.framework === "express" },
  { dir: "auth-server-pg", into: "auth-server", when: (c) => c.stack.orm === "pg" },
  { dir: "auth-server-prisma", into: "auth-server", when: (c) => c.stack.orm === "prisma" },
  { dir: "auth-server-vercel", into: "auth-server", when: (c) => c.deployment.authServer === "vercel" },
  { dir: "auth-server-railway", into: "auth-server", when: (c) => c.deployment.authServer === "railway" },
  { dir: "auth-server-docker", into: "auth-server", when: (c) => c.deployment.authServer === "docker" },
  { dir: "backend", into: "backend", when: always },
  { dir: "backend-jwt", into: "backend", when: (c) => c.session.validationMethod === "jwt" },
  { dir: "backend-database", into: "backend", when: (c) => c.session.validationMethod === "database" },
  { dir: "backend-notes", into: "backend", when: (c) => c.backend.exampleResource },
  { dir: "backend-render", into: "backend", when: (c) => c.deployment.apiServer === "render" },
  { dir: "backend-railway", into: "backend", when: (c) => c.deployment.apiServer === "railway" },
  { dir: "backend-docker", into: "backend", when: (c) => c.deployment.apiServer === "docker" },
];
