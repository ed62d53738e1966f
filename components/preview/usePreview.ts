"use client";
/**
 * Keeps the preview in step with the form: every change is sent (debounced)
 * to the rendering worker, answers to outdated requests are dropped, and the
 * files that changed since the previous preview are remembered for marking
 * and diffing. Performance marks let benchmarks read change → preview latency.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ConfigProblem } from "@/lib/config/schema";
import type { GeneratedFile } from "@/lib/generate";
import type { AppFile } from "@/lib/integrate";
import { startProjectWorker, type ProjectWorker } from "@/lib/worker/client";
import type { DiagnosticsView } from "@/lib/worker/diagnostics";
import type { IntegrationView, LoadResult, RenderResult } from "@/lib/worker/protocol";

const DEBOUNCE_MS = 30;
const MARK_CHANGE = "sidecar:config-change";
const MARK_UPDATED = "sidecar:preview-updated";
const MEASURE_LATENCY = "sidecar:config-to-preview";
const MARK_WORKER_RENDER = "sidecar:worker-render";
const MARK_WORKER_INTEGRATE = "sidecar:worker-integrate";

export type PreviewState = {
  files: GeneratedFile[];
  /** Content before the last edit that changed something, for each file it changed (undefined: the file is new). */
  previous: Map<string, string | undefined>;
  /** Files that were removed by the last edit. */
  removed: string[];
  diagnostics: DiagnosticsView | null;
  /** For an "existing" project: the discovery and the change, or why the app cannot be integrated. */
  integration: IntegrationView | null;
  /** Of the last valid configuration. */
  permalink: string | null;
  settings: RenderResult["settings"] | null;
  projectName: string | null;
  resolved: RenderResult["resolved"] | null;
  /** The schema's problems with the current input (empty when it is valid). */
  problems: ConfigProblem[];
  /** Set when the worker could not render (a generator bug, not a form problem). */
  failure: string | null;
  /** Counts renders, so effects can react to each new preview. */
  revision: number;
};

const EMPTY: PreviewState = {
  files: [],
  previous: new Map(),
  removed: [],
  diagnostics: null,
  integration: null,
  permalink: null,
  settings: null,
  projectName: null,
  resolved: null,
  problems: [],
  failure: null,
  revision: 0,
};

function compare(before: GeneratedFile[], after: GeneratedFile[]) {
  const old = new Map(before.map((f) => [f.path, f.content]));
  const previous = new Map<string, string | undefined>();
  for (const file of after) if (old.get(file.path) !== file.content) previous.set(file.path, old.get(file.path));
  const now = new Set(after.map((f) => f.path));
  const removed = before.map((f) => f.path).filter((path) => !now.has(path));
  return { previous, removed };
}

/**
 * `onLoad` receives the configuration to start from (link, saved copy or
 * defaults), read by the worker as soon as it starts; it returns true when it
 * put that configuration into the form. `appRevision` changes whenever a new
 * app was handed to the worker (setApp), so the preview is rendered again.
 */
export function usePreview(input: unknown, savedKey: string, onLoad: (loaded: LoadResult) => boolean, appRevision = 0) {
  const workerRef = useRef<ProjectWorker | null>(null);
  const onLoadRef = useRef(onLoad);
  onLoadRef.current = onLoad;
  const [state, setState] = useState<PreviewState>(EMPTY);
  const key = JSON.stringify(input);
  // Bumped when the loaded configuration replaces the defaults: the first preview after that is
  // the starting point, not an edit, so it marks no files as changed.
  const loadEpoch = useRef(0);
  const shownEpoch = useRef(0);
  // Likewise a new app, or a switch between a new project and an existing app: a different
  // project, not an edit of the previous one.
  const shownProject = useRef("");

  useEffect(() => {
    const worker = startProjectWorker();
    workerRef.current = worker;
    let current = true;
    void worker.load(window.location.search, localStorage.getItem(savedKey)).then((loaded) => {
      if (current && onLoadRef.current(loaded)) loadEpoch.current += 1;
    });
    return () => {
      current = false;
      worker.terminate();
      workerRef.current = null;
    };
  }, [savedKey]);

  useEffect(() => {
    if (performance.getEntriesByName(MARK_CHANGE).length === 0) performance.mark(MARK_CHANGE);
    const epoch = loadEpoch.current;
    const showRender = async () => {
      const outcome = await workerRef.current?.render(JSON.parse(key));
      if (!outcome) return;
      if (outcome.kind === "invalid") {
        setState((s) => ({ ...s, problems: outcome.problems }));
        return;
      }
      if (outcome.kind === "failed") {
        setState((s) => ({ ...s, failure: outcome.message, revision: s.revision + 1 }));
        return;
      }
      performance.mark(MARK_WORKER_RENDER, { detail: outcome.renderMs });
      const integration = outcome.integration;
      if (integration && integration.status !== "no-app") performance.mark(MARK_WORKER_INTEGRATE, { detail: integration.integrateMs });
      const project = `${appRevision}:${outcome.integration === null ? "new" : "existing"}`;
      const isEdit = epoch === shownEpoch.current && project === shownProject.current;
      shownEpoch.current = epoch;
      shownProject.current = project;
      setState((s) => {
        const { previous, removed } = compare(s.files, outcome.files);
        const changed = isEdit && s.files.length > 0 && (previous.size > 0 || removed.length > 0);
        return {
          files: outcome.files,
          // The marks show the last edit that changed something, not an edit that changed nothing.
          previous: changed ? previous : isEdit ? s.previous : new Map<string, string | undefined>(),
          removed: changed ? removed : isEdit ? s.removed : [],
          diagnostics: outcome.diagnostics,
          integration: outcome.integration,
          permalink: outcome.permalink,
          settings: outcome.settings,
          projectName: outcome.projectName,
          resolved: outcome.resolved,
          problems: [],
          failure: null,
          revision: s.revision + 1,
        };
      });
    };
    const timer = setTimeout(() => void showRender(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, appRevision]);

  useEffect(() => {
    if (state.revision === 0 || performance.getEntriesByName(MARK_CHANGE).length === 0) return;
    performance.mark(MARK_UPDATED);
    performance.measure(MEASURE_LATENCY, MARK_CHANGE, MARK_UPDATED);
    performance.clearMarks(MARK_CHANGE);
  }, [state.revision]);

  const worker = useCallback(() => {
    if (!workerRef.current) throw new Error("The preview is still starting");
    return workerRef.current;
  }, []);
  const zip = useCallback((config: unknown) => worker().zip(config), [worker]);
  const validate = useCallback((values: unknown) => worker().validate(values), [worker]);
  /** The starting configuration of a preset, as its link `?preset=<id>` gives it. */
  const presetConfig = useCallback(async (id: string) => (await worker().load(`?preset=${encodeURIComponent(id)}`, null)).config, [worker]);
  const setApp = useCallback((files: AppFile[] | null) => worker().setApp(files), [worker]);
  const setAppFolder = useCallback((folder: string) => worker().setAppFolder(folder), [worker]);

  return { ...state, zip, validate, presetConfig, setApp, setAppFolder };
}
