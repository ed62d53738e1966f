/** Every diagnostic check, in the order the report lists them: the six core checks first. */
import { cookieConfig } from "./checks/cookie-config";
import { corsOrigins } from "./checks/cors-origins";
import { emailService } from "./checks/email-service";
import { esm } from "./checks/esm";
import { jwtAgreement } from "./checks/jwt-agreement";
import { rateLimitStorage } from "./checks/rate-limit-storage";
import { redisStorage } from "./checks/redis-storage";
import { routeOrder } from "./checks/route-order";
import { schemaSync } from "./checks/schema";
import { secretLength } from "./checks/secret-length";
import { alembicLeavesAuthTables, authTableCollision } from "./checks/integrated-app";
import { hardcodedSecrets } from "./checks/secrets";
import { vercel } from "./checks/vercel";
import type { Check } from "./types";

export const CHECKS: readonly Check[] = [
  esm,
  routeOrder,
  schemaSync,
  cookieConfig,
  vercel,
  emailService,
  hardcodedSecrets,
  secretLength,
  jwtAgreement,
  corsOrigins,
  rateLimitStorage,
  redisStorage,
  authTableCollision,
  alembicLeavesAuthTables,
];
