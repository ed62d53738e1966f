/**
 * Everything an organization policy changes for one front (the wizard's
 * worker, the HTTP API, the CLI), composed once: where answers start, how a
 * link is read, which presets exist, what a configuration may not be, and
 * what sidecar.json records. Without a policy it is the schema's own world.
 */
import { laidOver, policyViolations, startingConfig, type Policy, type Preset } from "../config/policy";
import { availablePresets } from "../config/presets";
import { DEFAULT_CONFIG, parseConfig, type Config, type ConfigProblem } from "../config/schema";
import type { LinkContext } from "../permalink";
import type { RecordSections } from "../record/schema";

export type PolicyInfo = { policy: Policy; hash: string };

export type Front = {
  info?: PolicyInfo;
  /** The configuration a new form, a bare link and a partial input start from. */
  start: Config;
  presets: Preset[];
  link: LinkContext;
  /** Each rule of the policy `config` breaks, as a problem at its field that names the rule. */
  problems(config: Config): ConfigProblem[];
  /** A partial configuration laid over the starting point, validated by the schema and the policy. */
  parse(input: unknown): { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };
  record: RecordSections;
};

export function frontFor(info?: PolicyInfo): Front {
  const policy = info?.policy;
  const startFrom = (overlay: Record<string, unknown>) => {
    const result = policy ? startingConfig(policy, overlay) : parseConfig(overlay);
    // A policy's own presets were checked when it was loaded; a built-in one it breaks is not offered.
    if (!result.ok) throw new Error(`A preset or policy default is invalid: ${result.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    return result.config;
  };
  const start = policy ? startFrom({}) : DEFAULT_CONFIG;
  const presets = availablePresets(policy);
  const problems = (config: Config): ConfigProblem[] =>
    policy
      ? policyViolations(policy, config).map((v) => ({
          path: v.path,
          message: `${v.message} (${policy.name}'s rule ${v.rule === "allow" || v.rule === "lock" ? v.rule : "require"}.${v.path.replace(/\.\d+$/, "")})`,
        }))
      : [];
  return {
    info,
    start,
    presets,
    link: {
      base: start,
      presets: new Map(presets.map((p) => [p.id, startFrom(p.config)])),
      rules: policy ? { name: `${policy.name}'s policy`, problems } : undefined,
    },
    problems,
    parse(input) {
      const parsed = parseConfig(laidOver(start, input));
      if (!parsed.ok) return parsed;
      const broken = problems(parsed.config);
      return broken.length === 0 ? parsed : { ok: false, problems: broken };
    },
    record: info ? { policy: { name: info.policy.name, hash: info.hash } } : {},
  };
}
