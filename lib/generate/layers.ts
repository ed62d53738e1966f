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
  { dir: "framework/hono", into: "auth-server", when: (c) => c.stack.framework === "hono" },
  { dir: "framework/express", into: "auth-server", when: (c) => c.stack.framework === "express" },
  { dir: "orm/pg", into: "auth-server", when: (c) => c.stack.orm === "pg" },
  { dir: "orm/prisma", into: "auth-server", when: (c) => c.stack.orm === "prisma" },
  { dir: "auth-server-target/vercel", into: "auth-server", when: (c) => c.deployment.authServer === "vercel" },
  { dir: "auth-server-target/railway", into: "auth-server", when: (c) => c.deployment.authServer === "railway" },
  { dir: "auth-server-target/docker", into: "auth-server", when: (c) => c.deployment.authServer === "docker" },
  { dir: "backend", into: "backend", when: always },
  { dir: "validation/jwt", into: "backend", when: (c) => c.session.validationMethod === "jwt" },
  { dir: "validation/database", into: "backend", when: (c) => c.session.validationMethod === "database" },
  { dir: "api-server-target/render", into: "backend", when: (c) => c.deployment.apiServer === "render" },
  { dir: "api-server-target/railway", into: "backend", when: (c) => c.deployment.apiServer === "railway" },
  { dir: "api-server-target/docker", into: "backend", when: (c) => c.deployment.apiServer === "docker" },
];
