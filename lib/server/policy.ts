/**
 * The organization policy of this Sidecar, read once per process from the file
 * named by SIDECAR_POLICY (a restart reloads it). Node-only: the server, the
 * CLI and the static build read it; pages receive the result as JSON.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parsePolicy, policyHash, type Policy } from "../config/policy";

export type LoadedPolicy = { policy: Policy; hash: string; file: string };

export class PolicyFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file} is not a valid Sidecar policy:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

/** Reads and validates a policy file; throws PolicyFileError naming each problem's path. */
export async function readPolicyFile(path: string): Promise<LoadedPolicy> {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new PolicyFileError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  const parsed = parsePolicy(text);
  if (!parsed.ok)
    throw new PolicyFileError(
      file,
      parsed.problems.map((p) => `${p.path}: ${p.message}`),
    );
  return { policy: parsed.policy, hash: await policyHash(parsed.policy), file };
}

let loaded: Promise<LoadedPolicy | undefined> | undefined;

/** The policy named by SIDECAR_POLICY, or undefined when none is set; read once per process. */
export function processPolicy(): Promise<LoadedPolicy | undefined> {
  const path = process.env.SIDECAR_POLICY;
  loaded ??= path ? readPolicyFile(path) : Promise.resolve(undefined);
  return loaded;
}
