/**
 * An uploaded project against the organization policy of this Sidecar: the
 * configuration recorded in its sidecar.json, or else what the doctor
 * discovered in its files, must follow every rule of the policy. Not in the
 * plain registry: the doctor adds it when it runs under a policy.
 */
import type { Policy } from "../../config/policy";
import { policyViolations } from "../../config/policy-rules";
import { discover, type Discovery } from "../../doctor/discover";
import { recordedConfig } from "../engine";
import type { Check } from "../types";

export function policyCheck(policy: Policy): Check {
  return {
    id: "policy",
    title: `Organization Policy (${policy.name})`,
    severity: "error",
    explanation: `${policy.name} narrows the choices a project may make here; a project outside them does not pass its review.`,
    docs: policy.branding?.links[0]?.url ?? "sidecar.policy.json",
    check(files) {
      const recorded = recordedConfig(files);
      if (recorded) {
        const file = files.find((f) => f.path.endsWith("sidecar.json"))?.path ?? "sidecar.json";
        return policyViolations(policy, recorded).map((v) => ({ file, line: 1, message: v.message }));
      }
      // Without a record only what discovery really found is judged, never a default it filled in.
      const discovery = discover(files);
      const found = discoveredPaths(discovery);
      return policyViolations(policy, discovery.prefill)
        .filter((v) => found.some((path) => v.path === path || v.path.startsWith(`${path}.`)))
        .map((v) => ({ file: "", line: 1, message: `${v.message} (as found in the files)` }));
    },
  };
}

/** The configuration fields discovery read from the files themselves. */
function discoveredPaths(d: Discovery): string[] {
  const found: [unknown, string][] = [
    [d.database, "database.host"],
    [d.corsOrigins.length > 0, "cors.origins"],
    [d.authServer?.framework, "stack.framework"],
    [d.authServer?.orm, "stack.orm"],
    [d.validationMethod, "session.validationMethod"],
    [d.deployment.authServer, "deployment.authServer"],
    [d.deployment.apiServer, "deployment.apiServer"],
  ];
  return found.filter(([value]) => value).map(([, path]) => path);
}
