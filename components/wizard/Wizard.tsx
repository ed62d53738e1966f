"use client";
/**
 * The wizard: a form over the configuration schema, one step per question,
 * with the live preview beside it. The configuration lives in the address
 * (permalink, replaceState) and in localStorage; the zip is built by the
 * rendering worker.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useForm, useWatch, type FieldErrors, type PathValue, type Resolver } from "react-hook-form";
import { setIn, type ConfigPath } from "@/lib/config/paths";
import type { Config, ConfigProblem } from "@/lib/config/schema";
import type { PermalinkNotice } from "@/lib/permalink";
import type { ProjectWorker } from "@/lib/worker/client";
import type { PolicyInfo } from "@/lib/pipeline/policy";
import type { LoadResult, PresetSummary, PreviewSnapshot } from "@/lib/worker/protocol";
import type { PreparedTokens } from "../preview/highlight";
import type { AppSource, AppUploadState } from "./AppUpload";
import { progressText } from "@/lib/questions/steps";
import { PAGE_COLUMN } from "../PageHeader";
import { Preview } from "../preview/Preview";
import { usePreview } from "../preview/usePreview";
import { SAVED_CONFIG_KEY } from "../preview/visit";
import { WizardContext, type WizardState } from "./context";
import { HeadlessCommands } from "./HeadlessCommands";
import { PolicyBar } from "./PolicyBar";
import { STEPS, stepOf } from "./steps";

// Not needed for the first paint: loaded once the page is up, so the first load stays small.
const SystemPicture = lazy(() => import("../preview/SystemPicture"));

/** The schema's problems in react-hook-form's shape (nested by path). */
function toFieldErrors(problems: ConfigProblem[]): FieldErrors<Config> {
  const errors: Record<string, unknown> = {};
  for (const problem of problems) setIn(errors, problem.path === "(root)" ? "root" : problem.path, { type: "schema", message: problem.message });
  return errors;
}

function saveDownload(fileName: string, bytes: Uint8Array) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/zip" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type WizardProps = {
  defaults: Config;
  snapshot: PreviewSnapshot;
  firstFileTokens?: PreparedTokens;
  /** Settles when the generator's worker is needed even for the defaults (a served policy, the user's first interaction). */
  workerWanted: Promise<unknown>;
};

export function Wizard({ defaults, snapshot, firstFileTokens, workerWanted }: WizardProps) {
  const validateRef = useRef<ProjectWorker["validate"] | null>(null);
  // react-hook-form validates with the configuration schema, which runs in the worker.
  const resolver: Resolver<Config> = async (values) => {
    const result = await validateRef.current!(values);
    return result.ok ? { values: result.config, errors: {} } : { values: {}, errors: toFieldErrors(result.problems) };
  };
  const form = useForm<Config>({ defaultValues: defaults, resolver });
  const values = (useWatch({ control: form.control }) ?? defaults) as Config;
  const [step, setStep] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [notices, setNotices] = useState<PermalinkNotice[]>([]);
  const [policy, setPolicy] = useState<PolicyInfo | null>(null);
  const [presets, setPresets] = useState<PresetSummary[]>([]);
  const [status, setStatus] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A link wins over the saved configuration; either replaces the defaults once, on arrival,
  // unless the user has already started editing (the worker answers within a moment of the first paint).
  const onLoad = useCallback(
    ({ config, notices, policy, presets }: LoadResult) => {
      setLoaded(true);
      setPolicy(policy);
      setPresets(presets);
      const untouched = JSON.stringify(form.getValues()) === JSON.stringify(defaults);
      if (!untouched) return false;
      setNotices(notices);
      if (JSON.stringify(config) === JSON.stringify(defaults)) return false;
      form.reset(config);
      return true;
    },
    [form, defaults],
  );
  const [app, setApp] = useState<AppUploadState>({ kind: "none" });
  const [appRevision, setAppRevision] = useState(0);
  const preview = usePreview(values, SAVED_CONFIG_KEY, onLoad, snapshot, workerWanted, appRevision);
  validateRef.current = preview.validate;
  const { problems, setApp: giveWorkerApp, setAppFolder } = preview;

  const chooseApp = useCallback(
    async (source: AppSource) => {
      const name = source.kind === "zip" ? source.file.name : source.name;
      setApp({ kind: "reading", name });
      try {
        // The reader (and jszip) load only when an app is chosen.
        const [{ loadFiles, loadZip }, { appFilesFromProject }] = await Promise.all([import("../doctor/upload"), import("@/lib/integrate/upload")]);
        const project = source.kind === "zip" ? await loadZip(source.file) : await loadFiles(source.files);
        const files = appFilesFromProject(project);
        if (files.length === 0) throw new Error("No files were found in it.");
        const { folders, folder } = await giveWorkerApp(files);
        setApp({ kind: "loaded", name, fileCount: files.length, skipped: project.skipped, folders, folder });
      } catch (error) {
        // A refused upload replaces the previous app: the preview must not go on showing that one.
        await giveWorkerApp(null);
        setApp({ kind: "refused", name, message: (error as Error).message });
      }
      setAppRevision((revision) => revision + 1);
    },
    [giveWorkerApp],
  );
  const chooseAppFolder = useCallback(
    async (chosen: string) => {
      // The choice shows at once; the preview follows when the worker has it.
      setApp((current) => (current.kind === "loaded" ? { ...current, folder: chosen } : current));
      await setAppFolder(chosen);
      setAppRevision((revision) => revision + 1);
    },
    [setAppFolder],
  );
  const refuseApp = useCallback((message: string) => setApp({ kind: "refused", name: "The drop", message }), []);

  const set = useCallback((path: ConfigPath, value: unknown) => form.setValue(path, value as PathValue<Config, ConfigPath>, { shouldDirty: true }), [form]);
  const state: WizardState = {
    form,
    values,
    problems,
    set,
    resolved: preview.resolved,
    filePaths: preview.paths,
    app,
    chooseApp: (source) => void chooseApp(source),
    chooseAppFolder: (folder) => void chooseAppFolder(folder),
    refuseApp,
    policy: policy?.policy,
  };

  const applyPreset = useCallback(
    async (preset: PresetSummary) => {
      form.reset(await preview.presetConfig(preset.id));
      setStatus(`Started from the preset "${preset.title}".`);
    },
    [form, preview],
  );

  // Keep the address and the saved copy in step with the last valid configuration.
  useEffect(() => {
    if (!loaded || !preview.permalink || problems.length > 0) return;
    history.replaceState(history.state, "", `${window.location.pathname}?${preview.permalink}`);
    localStorage.setItem(SAVED_CONFIG_KEY, JSON.stringify(preview.settings));
  }, [loaded, preview.permalink, preview.settings, problems.length]);

  const goTo = useCallback((index: number) => {
    setStep(index);
    requestAnimationFrame(() => headingRef.current?.focus());
  }, []);

  const download = useCallback(
    () =>
      form.handleSubmit(
        async (config) => {
          if (config.projectType === "existing" && app.kind !== "loaded") {
            setStatus("Choose your app's folder or zip first (on the Project step): a link carries the answers, never the app.");
            goTo(0);
            return;
          }
          setStatus("Building the zip…");
          try {
            const { fileName, bytes } = await preview.zip(config);
            saveDownload(fileName, bytes);
            setStatus(`Downloaded ${fileName}.`);
          } catch (error) {
            setStatus(`The zip could not be built: ${(error as Error).message}`);
          }
        },
        () => {
          setStatus("Fix the problems marked in the form first.");
          const first = problems[0] && stepOf(problems[0].path);
          if (first !== undefined && first >= 0) goTo(first);
        },
      )(),
    [app.kind, form, goTo, preview, problems],
  );

  async function share() {
    const link = window.location.href;
    // The address follows the last valid answers; say so when the form has moved on from them.
    const note = problems.length > 0 ? " It holds the last valid answers: fix the marked problems to share the current ones." : "";
    try {
      await navigator.clipboard.writeText(link);
      setStatus(`Link copied: it opens the wizard with these answers.${note}`);
    } catch {
      setStatus(`Copy this link: ${link}${note}`);
    }
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void download();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [download]);

  const current = STEPS[step];
  const StepBody = current.Component;
  const stepProblems = (index: number) => problems.filter((p) => stepOf(p.path) === index).length;
  const button =
    "rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

  return (
    <WizardContext.Provider value={state}>
      {/* data-loaded: the form is live and holds the configuration this visit starts from (tests wait for it). */}
      <main className={`${PAGE_COLUMN} grid gap-6 py-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]`} data-loaded={loaded}>
        <div className="min-w-0">
          <PolicyBar policy={policy?.policy} presets={presets} onPreset={applyPreset} />
          {notices.length > 0 && (
            <section
              role="alert"
              aria-labelledby="link-notices"
              className="mb-4 rounded-lg border border-amber-400 bg-amber-50 p-3 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-50"
              data-testid="link-notices"
            >
              <h2 id="link-notices" className="font-semibold">
                Parts of this link were not used
              </h2>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
                {notices.map((notice, index) => (
                  <li key={index} className="break-words">
                    {notice.message}
                  </li>
                ))}
              </ul>
              <button type="button" className="mt-2 text-sm underline" onClick={() => setNotices([])}>
                Dismiss
              </button>
            </section>
          )}
          <nav aria-label="Wizard steps">
            <p className="text-sm text-slate-600 dark:text-slate-400" id="progress-label" data-testid="progress">
              {progressText(step)}
            </p>
            <progress className="mt-1 h-1.5 w-full accent-blue-600" max={STEPS.length} value={step + 1} aria-labelledby="progress-label" />
            {/* Small screens: one line that opens onto every step, instead of ten buttons filling the first screen. */}
            <label className="mt-2 flex items-center gap-2 text-sm sm:hidden">
              <span className="shrink-0 font-medium">Go to</span>
              <select
                value={step}
                onChange={(event) => goTo(Number(event.target.value))}
                className="min-w-0 grow rounded-md border border-slate-400 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900"
                data-testid="step-select"
              >
                {STEPS.map((s, index) => {
                  const count = stepProblems(index);
                  return (
                    <option key={s.id} value={index}>
                      {index + 1}. {s.title}
                      {count > 0 ? ` (${count} ${count === 1 ? "problem" : "problems"})` : ""}
                    </option>
                  );
                })}
              </select>
            </label>
            <ol className="mt-2 hidden flex-wrap gap-1.5 sm:flex" data-testid="step-buttons">
              {STEPS.map((s, index) => {
                const count = stepProblems(index);
                return (
                  <li key={s.id}>
                    <button
                      type="button"
                      onClick={() => goTo(index)}
                      aria-current={index === step ? "step" : undefined}
                      className="rounded-full border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 aria-[current=step]:border-blue-600 aria-[current=step]:bg-blue-600 aria-[current=step]:text-white dark:border-slate-700 dark:hover:bg-slate-800"
                    >
                      {index + 1}. {s.title}
                      {count > 0 && (
                        <span className="ml-1 rounded-full bg-red-700 px-1.5 text-xs text-white">
                          {count}
                          <span className="sr-only"> {count === 1 ? "problem" : "problems"}</span>
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
            </ol>
          </nav>

          <section aria-labelledby="step-heading" className="mt-6" data-step={current.id}>
            <h2 id="step-heading" ref={headingRef} tabIndex={-1} className="sr-only">
              {current.title}
            </h2>
            <StepBody />
          </section>

          <div className="mt-6 flex flex-wrap items-center gap-2">
            <button type="button" className={button} onClick={() => goTo(step - 1)} disabled={step === 0}>
              Back
            </button>
            <button type="button" className={button} onClick={() => goTo(step + 1)} disabled={step === STEPS.length - 1}>
              Next
            </button>
            <span className="grow" />
            <button type="button" className={button} onClick={share}>
              Share link
            </button>
            <button
              type="button"
              onClick={download}
              className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 dark:bg-blue-500 dark:text-slate-950 dark:hover:bg-blue-400"
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              Download zip{" "}
              <span className="hidden text-xs font-normal keyboard:inline" data-testid="shortcut-hint">
                (Ctrl/⌘+Enter)
              </span>
            </button>
          </div>
          <p role="status" className="mt-2 min-h-5 break-words text-sm" data-testid="status">
            {status}
          </p>
          <HeadlessCommands
            projectName={preview.projectName}
            settings={preview.settings}
            permalink={preview.permalink}
            appFolder={app.kind === "loaded" ? app.folder : undefined}
          />
        </div>
        <div className="min-w-0 space-y-4 lg:sticky lg:top-4 lg:self-start">
          {preview.resolved && (
            <section aria-labelledby="system-heading" className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
              <h2 id="system-heading" className="text-lg font-semibold">
                What you are building
              </h2>
              <Suspense fallback={<p className="mt-2 text-sm">Drawing…</p>}>
                <SystemPicture config={{ ...values, resolved: preview.resolved }} />
              </Suspense>
            </section>
          )}
          <Preview
            paths={preview.paths}
            files={preview.files}
            previous={preview.previous}
            removed={preview.removed}
            diagnostics={preview.diagnostics}
            integration={preview.integration}
            outdated={problems.length > 0}
            failure={preview.failure}
            prepared={firstFileTokens}
          />
        </div>
      </main>
    </WizardContext.Provider>
  );
}
