/** Every diagnostic check, in the order the report lists them: the seed's six first. */
import { esm } from "./checks/esm";
import { routeOrder } from "./checks/route-order";
import { schemaSync } from "./checks/schema";
import type { Check } from "./types";

export const CHECKS: readonly Check[] = [esm, routeOrder, schemaSync];
