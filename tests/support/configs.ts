/**
 * Random configurations shaped by the schema's own options: the one generator
 * the property tests (hostile input, permalinks, diagnostics) draw from, so a
 * new option reaches all of them at once.
 */
import fc from "fast-check";
import {
  API_SERVER_TARGETS,
  AUTH_SERVER_TARGETS,
  DATABASE_HOSTS,
  DOCS_LAYOUTS,
  EMAIL_TRANSPORTS,
  FRAMEWORKS,
  isOrigin,
  MAX_ORIGINS,
  OAUTH_PROVIDERS,
  ORMS,
  parseConfig,
  PROJECT_TYPES,
  RATE_LIMIT_STORAGES,
  SAME_SITE_POLICIES,
  VALIDATION_METHODS,
  type Config,
  type ConfigInput,
} from "../../lib/config/schema";

/** Any text up to `maxLength`, including non-BMP characters and control codes, always well-formed Unicode. */
const anyText = (maxLength: number) =>
  fc
    .oneof(fc.string({ maxLength }), fc.string({ unit: "grapheme", maxLength }), fc.string({ unit: "binary", maxLength }))
    .map((s) => s.slice(0, maxLength))
    .filter((s) => s.isWellFormed());

/** A string in random letter case: the schema must refuse or accept it, never pass it on half-checked. */
const anyCase = (value: string) =>
  fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }).map((upper) =>
    Array.from(value)
      .map((ch, i) => (upper[i] ? ch.toUpperCase() : ch))
      .join(""),
  );

const lowerOrAnyCase = (value: string) => fc.oneof(fc.constant(value), anyCase(value));

/** Hosts of every kind the origin grammar names, in canonical and non-canonical spellings. */
const anyOriginHost = fc.oneof(
  fc.domain().chain(lowerOrAnyCase),
  fc.constantFrom("localhost", "127.0.0.1", "[::1]"),
  fc.ipV4(),
  fc.ipV4Extended(),
  fc.ipV6().map((v6) => `[${v6}]`),
  // The spelling browsers send, so accepted IPv6 literals are always drawn too.
  fc.ipV6().map((v6) => new URL(`http://[${v6}]`).hostname),
  fc.ipV6().chain((v6) => anyCase(`[${v6}]`)),
);

/** Ports as typed: absent, in range or not, sometimes with leading zeros. */
const anyPortSuffix = fc
  .option(
    fc.oneof(
      fc.integer({ min: 0, max: 65535 }).map(String),
      fc.integer({ min: 0, max: 999 }).map((n) => `0${n}`),
      fc.integer({ min: 65536, max: 99999 }).map(String),
    ),
    { nil: "" },
  )
  .map((port) => (port === "" ? "" : `:${port}`));

/** Origin-shaped strings drawn from the schema's grammar: both schemes, any case, every host kind, ports. */
export const originCandidates = fc
  .tuple(fc.constantFrom("http", "https").chain(lowerOrAnyCase), anyOriginHost, anyPortSuffix)
  .map(([scheme, host, port]) => `${scheme}://${host}${port}`);

export const anyOrigin = originCandidates.filter(isOrigin);

type Texts = {
  projectName?: fc.Arbitrary<string>;
  description?: fc.Arbitrary<string>;
  origin?: fc.Arbitrary<string>;
};

type Options = {
  /** Top-level fields present in every input; the others are left out at random, as people leave defaults. */
  required?: Exclude<keyof ConfigInput, "version">[];
};

function configInputs(texts: Texts = {}, { required = [] }: Options = {}): fc.Arbitrary<ConfigInput> {
  return fc.record(
    {
      projectType: fc.constantFrom(...PROJECT_TYPES),
      projectName: texts.projectName ?? fc.stringMatching(/^[a-z](?:[a-z0-9-]{0,62}[a-z0-9])?$/),
      description: texts.description ?? anyText(280),
      database: fc.record({ host: fc.constantFrom(...DATABASE_HOSTS) }),
      auth: fc.record({
        emailPassword: fc.record({
          enabled: fc.boolean(),
          requireEmailVerification: fc.boolean(),
          minPasswordLength: fc.integer({ min: 6, max: 128 }),
          maxPasswordLength: fc.integer({ min: 128, max: 1024 }),
        }),
        oauth: fc.record({ providers: fc.uniqueArray(fc.constantFrom(...OAUTH_PROVIDERS)) }),
        magicLink: fc.record({ enabled: fc.boolean() }),
      }),
      session: fc.record(
        {
          validationMethod: fc.constantFrom(...VALIDATION_METHODS),
          expiresIn: fc.integer({ min: 7200, max: 365 * 86_400 }),
          // Below the shortest lifetime above, so an explicit refresh age is always valid.
          updateAge: fc.integer({ min: 60, max: 3600 }),
          cookieCache: fc.record({ enabled: fc.boolean(), maxAge: fc.integer({ min: 1, max: 3600 }) }),
        },
        { requiredKeys: ["validationMethod"] },
      ),
      deployment: fc.record({
        authServer: fc.constantFrom(...AUTH_SERVER_TARGETS),
        apiServer: fc.constantFrom(...API_SERVER_TARGETS),
        useDocker: fc.boolean(),
      }),
      cors: fc.record({
        origins: fc.uniqueArray(texts.origin ?? anyOrigin, { minLength: 1, maxLength: MAX_ORIGINS }),
        sameSite: fc.constantFrom(...SAME_SITE_POLICIES),
      }),
      rateLimit: fc.record({
        enabled: fc.boolean(),
        window: fc.integer({ min: 1, max: 86_400 }),
        max: fc.integer({ min: 1, max: 100_000 }),
        storage: fc.constantFrom(...RATE_LIMIT_STORAGES),
      }),
      stack: fc.record({ framework: fc.constantFrom(...FRAMEWORKS), orm: fc.constantFrom(...ORMS) }),
      email: fc.record({ transport: fc.constantFrom(...EMAIL_TRANSPORTS) }),
      backend: fc.record({ exampleResource: fc.boolean() }),
      docs: fc.record({ layout: fc.constantFrom(...DOCS_LAYOUTS) }),
      ports: fc.record({ authServer: fc.integer({ min: 1024, max: 65535 }), backend: fc.integer({ min: 1024, max: 65535 }) }, { requiredKeys: [] }),
    },
    { requiredKeys: required },
  );
}

/** Inputs the schema accepts, parsed: what the generator receives. */
export function validConfigs(texts: Texts = {}, options: Options = {}): fc.Arbitrary<Config> {
  return configInputs(texts, options)
    .map((input) => parseConfig(input))
    .filter((result): result is { ok: true; config: Config } => result.ok)
    .map((result) => result.config);
}
