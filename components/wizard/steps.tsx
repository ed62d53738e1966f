"use client";
/**
 * One component per wizard step (the questions, the advanced panel and the
 * review, listed in lib/questions/steps). Option lists come from the schema's
 * enums; texts from lib/questions; unavailable options from blockedReason.
 */
import { lazy, Suspense, useState, type ReactNode } from "react";
import {
  API_SERVER_TARGETS,
  AUTH_SERVER_TARGETS,
  DATABASE_HOSTS,
  DOCS_LAYOUTS,
  EMAIL_TRANSPORTS,
  FRAMEWORKS,
  OAUTH_PROVIDERS,
  ORMS,
  PROJECT_TYPES,
  RATE_LIMIT_STORAGES,
  SAME_SITE_POLICIES,
  SESSION_LIFETIME_PRESETS,
  VALIDATION_METHODS,
} from "@/lib/config/options";
import { setIn, type ConfigPath, type ValueAt } from "@/lib/config/paths";
import type { Config } from "@/lib/config/schema";
import {
  API_SERVER_TARGET_TEXT,
  AUTH_SERVER_TARGET_TEXT,
  DATABASE_HOST_TEXT,
  DOCS_LAYOUT_TEXT,
  EMAIL_PASSWORD_TEXT,
  EMAIL_TRANSPORT_TEXT,
  EMAIL_VERIFICATION_TEXT,
  formatDuration,
  FRAMEWORK_TEXT,
  MAGIC_LINK_TEXT,
  OAUTH_PROVIDER_TEXT,
  ORM_TEXT,
  PROJECT_TYPE_TEXT,
  RATE_LIMIT_STORAGE_TEXT,
  SAME_SITE_TEXT,
  VALIDATION_METHOD_TEXT,
} from "@/lib/questions";
import { formatValue, stepOfPath } from "@/lib/questions/fields";
import { blockedReason } from "@/lib/questions/availability";
import { composeReasons, reviewRows } from "@/lib/questions/review";
import { WIZARD_STEPS, type StepId, type WizardStep } from "@/lib/questions/steps";
import { errorId, useWizard } from "./context";
import { card, CheckCard, FieldErrors, NumberField, RadioCards, TextField } from "./controls";

type Setter = (draft: Config) => void;

/** blockedReason for "set this path to that value". */
function useReason() {
  const { values, policy } = useWizard();
  return (apply: Setter) => blockedReason(values, apply, policy);
}

/** The change "set this setting to that value", to try on a copy of the form. */
function setting<P extends ConfigPath>(path: P, value: ValueAt<P>): Setter {
  return (draft) => setIn(draft, path, value);
}

// Only an existing app needs it: loaded when that is chosen, not with the page.
const AppUpload = lazy(() => import("./AppUpload").then(({ AppUpload }) => ({ default: AppUpload })));

function ProjectStep() {
  const { values, app, chooseApp, chooseAppFolder, refuseApp } = useWizard();
  return (
    <div className="space-y-4">
      <RadioCards path="projectType" legend="What is authentication added to?" options={PROJECT_TYPES} texts={PROJECT_TYPE_TEXT} />
      {values.projectType === "existing" && (
        <Suspense fallback={<p className="text-sm">Loading the app picker…</p>}>
          <AppUpload state={app} onChoose={chooseApp} onChooseFolder={chooseAppFolder} onRefuse={refuseApp} />
        </Suspense>
      )}
      <TextField path="projectName" label="Project name" />
      <TextField path="description" label="Description" multiline />
    </div>
  );
}

function DatabaseStep() {
  const reason = useReason();
  return (
    <RadioCards
      path="database.host"
      legend="Where does PostgreSQL run?"
      options={DATABASE_HOSTS}
      texts={DATABASE_HOST_TEXT}
      reasonFor={(host) => reason(setting("database.host", host))}
    />
  );
}

function AuthMethodsStep() {
  const { values, set } = useWizard();
  const reason = useReason();
  const providers = values.auth.oauth.providers;
  const withProvider = (provider: (typeof OAUTH_PROVIDERS)[number], on: boolean) =>
    on ? [...providers, provider].sort((a, b) => OAUTH_PROVIDERS.indexOf(a) - OAUTH_PROVIDERS.indexOf(b)) : providers.filter((p) => p !== provider);
  const toggle = <P extends ConfigPath>(path: P, value: ValueAt<P>) => ({
    onChange: () => set(path, value),
    reason: reason(setting(path, value)),
  });
  return (
    <fieldset>
      <legend className="text-lg font-semibold">How do users sign in?</legend>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Choose one or more.</p>
      <div className="mt-3 grid gap-2">
        <CheckCard
          id="auth-emailPassword"
          text={EMAIL_PASSWORD_TEXT}
          checked={values.auth.emailPassword.enabled}
          {...toggle("auth.emailPassword.enabled", !values.auth.emailPassword.enabled)}
        />
        {OAUTH_PROVIDERS.map((provider) => {
          const on = providers.includes(provider);
          return (
            <CheckCard
              key={provider}
              id={`auth-oauth-${provider}`}
              text={OAUTH_PROVIDER_TEXT[provider]}
              checked={on}
              {...toggle("auth.oauth.providers", withProvider(provider, !on))}
            />
          );
        })}
        <CheckCard
          id="auth-magicLink"
          text={MAGIC_LINK_TEXT}
          checked={values.auth.magicLink.enabled}
          {...toggle("auth.magicLink.enabled", !values.auth.magicLink.enabled)}
        />
      </div>
      <FieldErrors path="auth" />
      <FieldErrors path="auth.oauth.providers" />
    </fieldset>
  );
}

const VERIFICATION_CHOICES = ["required", "disabled"] as const;

function VerificationStep() {
  const reason = useReason();
  const required = (choice: (typeof VERIFICATION_CHOICES)[number]) => choice === "required";
  return (
    <div className="space-y-6">
      <RadioCards
        path="auth.emailPassword.requireEmailVerification"
        legend="Must users verify their email address?"
        options={VERIFICATION_CHOICES}
        texts={EMAIL_VERIFICATION_TEXT}
        valueFor={required}
        reasonFor={(choice) => reason(setting("auth.emailPassword.requireEmailVerification", required(choice)))}
      />
      <RadioCards
        path="email.transport"
        legend="How is email sent?"
        options={EMAIL_TRANSPORTS}
        texts={EMAIL_TRANSPORT_TEXT}
        reasonFor={(transport) => reason(setting("email.transport", transport))}
      />
    </div>
  );
}

function ValidationStep() {
  const reason = useReason();
  return (
    <RadioCards
      path="session.validationMethod"
      legend="How does FastAPI check a session?"
      options={VALIDATION_METHODS}
      texts={VALIDATION_METHOD_TEXT}
      reasonFor={(method) => reason(setting("session.validationMethod", method))}
    />
  );
}

function DeploymentStep() {
  const { values, set } = useWizard();
  const reason = useReason();
  return (
    <div className="space-y-6">
      <RadioCards
        path="deployment.authServer"
        legend="Where does the auth server run?"
        options={AUTH_SERVER_TARGETS}
        texts={AUTH_SERVER_TARGET_TEXT}
        reasonFor={(target) => reason(setting("deployment.authServer", target))}
      />
      <RadioCards
        path="deployment.apiServer"
        legend="Where does the FastAPI backend run?"
        options={API_SERVER_TARGETS}
        texts={API_SERVER_TARGET_TEXT}
        reasonFor={(target) => reason(setting("deployment.apiServer", target))}
      />
      <CheckCard
        id="deployment-useDocker"
        text={{ label: "Docker Compose for local development", tradeoff: "Adds docker-compose files even when no target is Docker." }}
        checked={values.deployment.useDocker}
        onChange={(on) => set("deployment.useDocker", on)}
        note={values.deployment.useDocker ? undefined : composeNote(values)}
      />
    </div>
  );
}

/** Said beside the Docker Compose choice when it is off but the zip holds the compose files for another reason. */
function composeNote(values: Config): string | undefined {
  const reasons = composeReasons(values);
  return reasons.length > 0 ? `The zip holds the Docker Compose files anyway: ${reasons.join("; ")}.` : undefined;
}

const ORIGIN_SUGGESTIONS = [
  { label: "localhost:3000", origin: "http://localhost:3000" },
  { label: "GitHub Pages", origin: "https://your-name.github.io" },
  { label: "Custom domain", origin: "https://app.example.com" },
];

function OriginsStep() {
  const { values, set, problems } = useWizard();
  const origins = values.cors.origins;
  const update = (next: string[]) => set("cors.origins", next);
  return (
    <fieldset>
      <legend className="text-lg font-semibold">Which frontends call these services?</legend>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Origins allowed by CORS and trusted by the auth server: scheme://host[:port], no path. A frontend on another site needs cross-site cookies
        (SameSite=None; Secure).
      </p>
      <ul className="mt-3 space-y-2">
        {origins.map((origin, index) => {
          const path = `cors.origins.${index}`;
          const invalid = problems.some((p) => p.path === path);
          return (
            <li key={index}>
              <div className="flex gap-2">
                <label htmlFor={`origin-${index}`} className="sr-only">
                  Origin {index + 1}
                </label>
                <input
                  id={`origin-${index}`}
                  type="url"
                  value={origin}
                  spellCheck={false}
                  aria-invalid={invalid}
                  aria-describedby={invalid ? `field-cors-origins-${index}-error` : undefined}
                  onChange={(event) => update(origins.map((o, i) => (i === index ? event.target.value : o)))}
                  className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900"
                />
                <button
                  type="button"
                  onClick={() => update(origins.filter((_, i) => i !== index))}
                  className="rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                  aria-label={`Remove origin ${index + 1}`}
                >
                  Remove
                </button>
              </div>
              <FieldErrors path={path} />
            </li>
          );
        })}
      </ul>
      <div className="mt-3 flex flex-wrap gap-2">
        {ORIGIN_SUGGESTIONS.filter((s) => !origins.includes(s.origin)).map((s) => (
          <button
            key={s.origin}
            type="button"
            onClick={() => update([...origins, s.origin])}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Add {s.label}
          </button>
        ))}
        <button
          type="button"
          onClick={() => update([...origins, ""])}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Add another origin
        </button>
      </div>
      <FieldErrors path="cors.origins" />
    </fieldset>
  );
}

function LifetimeStep() {
  const { values, set, problems } = useWizard();
  const expiresIn = values.session.expiresIn;
  const isPreset = (SESSION_LIFETIME_PRESETS as readonly number[]).includes(expiresIn);
  const [custom, setCustom] = useState(!isPreset);
  const showCustom = custom || !isPreset;
  const hours = Number.isFinite(expiresIn) ? expiresIn / 3600 : "";
  return (
    <fieldset>
      <legend className="text-lg font-semibold">How long does a session last?</legend>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Longer sessions mean fewer sign-ins and a longer window for a stolen cookie.</p>
      <div className="mt-3 grid gap-2">
        {SESSION_LIFETIME_PRESETS.map((seconds) => (
          <label key={seconds} htmlFor={`lifetime-${seconds}`} className={`${card} items-center`}>
            <input
              id={`lifetime-${seconds}`}
              type="radio"
              name="lifetime"
              checked={!showCustom && expiresIn === seconds}
              onChange={() => {
                setCustom(false);
                set("session.expiresIn", seconds);
              }}
              className="h-4 w-4 accent-blue-600"
            />
            <span className="font-medium">{formatDuration(seconds)}</span>
          </label>
        ))}
        <label htmlFor="lifetime-custom" className={`${card} items-center`}>
          <input id="lifetime-custom" type="radio" name="lifetime" checked={showCustom} onChange={() => setCustom(true)} className="h-4 w-4 accent-blue-600" />
          <span className="font-medium">Custom</span>
        </label>
      </div>
      {showCustom && (
        <div className="mt-3">
          <label htmlFor="lifetime-hours" className="font-medium">
            Session lifetime in hours
          </label>
          <input
            id="lifetime-hours"
            type="number"
            min={1}
            value={hours}
            onChange={(event) => set("session.expiresIn", event.target.value === "" ? Number.NaN : Math.round(Number(event.target.value) * 3600))}
            aria-invalid={problems.some((p) => p.path === "session.expiresIn")}
            aria-describedby={problems.some((p) => p.path === "session.expiresIn") ? errorId("session.expiresIn") : undefined}
            className="mt-1 block w-40 rounded-md border border-slate-400 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
      )}
      <FieldErrors path="session.expiresIn" />
    </fieldset>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <legend className="px-1 font-semibold">{title}</legend>
      <div className="space-y-4">{children}</div>
    </fieldset>
  );
}

function AdvancedStep() {
  const { values, set, resolved } = useWizard();
  const reason = useReason();
  // The automatic values shown in hints are those of the last valid configuration.
  const auto = resolved ?? undefined;
  const automatic = (text: string | number | undefined) => (text === undefined ? "automatic" : `automatic: ${text}`);
  return (
    <details className="group" open>
      <summary className="cursor-pointer text-lg font-semibold">Advanced settings</summary>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Sensible defaults; change them only when you know you need to.</p>
      <div className="mt-4 space-y-4">
        <Group title="Stack">
          <RadioCards path="stack.framework" legend="Auth server framework" options={FRAMEWORKS} texts={FRAMEWORK_TEXT} />
          <RadioCards path="stack.orm" legend="Database layer" options={ORMS} texts={ORM_TEXT} />
        </Group>
        <Group title="Passwords">
          <NumberField path="auth.emailPassword.minPasswordLength" label="Minimum password length" />
          <NumberField path="auth.emailPassword.maxPasswordLength" label="Maximum password length" />
        </Group>
        <Group title="Session">
          <NumberField
            path="session.updateAge"
            label="Refresh the session after (seconds)"
            hint={`Empty: ${automatic(auto && formatDuration(auto.updateAge))}.`}
            optional
          />
          <CheckCard
            id="session-cookieCache-enabled"
            text={{ label: "Cookie cache", tradeoff: "Keeps the session in a signed cookie to skip a database read; revocation waits for it to expire." }}
            checked={values.session.cookieCache.enabled}
            onChange={(on) => set("session.cookieCache.enabled", on)}
          />
          {values.session.cookieCache.enabled && <NumberField path="session.cookieCache.maxAge" label="Cookie cache age (seconds)" />}
        </Group>
        <Group title="Rate limiting">
          <CheckCard
            id="rateLimit-enabled"
            text={{ label: "Rate limiting", tradeoff: "Slows down password guessing; legitimate bursts may be refused." }}
            checked={values.rateLimit.enabled}
            onChange={(on) => set("rateLimit.enabled", on)}
          />
          {values.rateLimit.enabled && (
            <>
              <NumberField path="rateLimit.window" label="Window (seconds)" />
              <NumberField path="rateLimit.max" label="Requests per window" />
              <RadioCards
                path="rateLimit.storage"
                legend="Counter storage"
                hint={auto && `Automatic here means ${formatValue("rateLimit.storage", auto.rateLimitStorage)}.`}
                options={RATE_LIMIT_STORAGES}
                texts={RATE_LIMIT_STORAGE_TEXT}
                reasonFor={(storage) => reason(setting("rateLimit.storage", storage))}
              />
            </>
          )}
        </Group>
        <Group title="Cookies">
          <RadioCards
            path="cors.sameSite"
            legend="SameSite policy"
            hint={auto && `Automatic here means ${formatValue("cors.sameSite", auto.sameSite)}.`}
            options={SAME_SITE_POLICIES}
            texts={SAME_SITE_TEXT}
          />
        </Group>
        <Group title="Documentation">
          <RadioCards path="docs.layout" legend="Documentation layout" options={DOCS_LAYOUTS} texts={DOCS_LAYOUT_TEXT} />
        </Group>
        <Group title="Ports">
          <NumberField path="ports.authServer" label="Auth server port" hint={`Empty: ${automatic(auto?.authServerPort)}.`} optional />
          <NumberField path="ports.backend" label="Backend port" />
        </Group>
      </div>
    </details>
  );
}

function ReviewStep() {
  const { values, resolved, filePaths } = useWizard();
  return (
    <div>
      <h2 className="text-lg font-semibold">Review</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">What the zip will contain, with the automatic values as they resolve for these answers.</p>
      <dl className="mt-3 text-sm" data-testid="review">
        {reviewRows(values, resolved, filePaths).map((row) => (
          <div key={row.path} data-row={row.path} className="grid gap-x-4 border-b border-slate-200 py-2 sm:grid-cols-[14rem_1fr] dark:border-slate-800">
            <dt className="font-medium first-letter:uppercase">{row.label}</dt>
            <dd className="break-words text-slate-700 dark:text-slate-300">{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** A step of lib/questions/steps with the component that shows it. */
export type StepDefinition = WizardStep & { Component: () => ReactNode };

const STEP_BODIES: Record<StepId, () => ReactNode> = {
  project: ProjectStep,
  database: DatabaseStep,
  auth: AuthMethodsStep,
  verification: VerificationStep,
  validation: ValidationStep,
  deployment: DeploymentStep,
  origins: OriginsStep,
  lifetime: LifetimeStep,
  advanced: AdvancedStep,
  review: ReviewStep,
};

export const STEPS: StepDefinition[] = WIZARD_STEPS.map((step) => ({ ...step, Component: STEP_BODIES[step.id] }));

/** The step that edits the setting at `path`, or -1. */
export function stepOf(path: string): number {
  const step = stepOfPath(path);
  return STEPS.findIndex((s) => s.id === step);
}
