"use client";
/**
 * Keeps the preview in step with the form: every change is sent (debounced)
 * to the rendering worker, answers to outdated requests are dropped, and the
 * files that changed since the previous preview are remembered for marking
 * and diffing. Performance marks let benchmarks read change → preview latency.
 *
 * The first paint shows the server's snapshot of the default project. The
 * worker starts at once when this visit starts from a link or a saved
 * configuration, else when `workerWanted` settles (an organization policy is
 * served, or the user has interacted with the page): a visitor who only reads
 * the page never loads the generator.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ConfigProblem } from "@/lib/config/schema";
import type { GeneratedFile } from "@/lib/generate";
import type { AppFile } from "@/lib/integrate";
import { startProjectWorker, type ProjectWorker } from "@/lib/worker/client";
import type { DiagnosticsView } from "@/lib/worker/diagnostics";
import type { IntegrationView, LoadResult, PreviewSnapshot, RenderResult } from "@/lib/worker/protocol";
import { startsElsewhere } from "./visit";

const DEBOUNCE_MS = 30;
const MARK_CHANGE = "sidecar:config-change";
const MARK_UPDATED = "sidecar:preview-updated";
const MEASURE_LATENCY = "sidecar:config-to-preview";
const MARK_WORKER_RENDER = "sidecar:worker-render";
const MARK_WORKER_INTEGRATE = "sidecar:worker-integrate";

export type PreviewState = {
  /** Every file of the project. */
  paths: string[];
  /** The files whose content is known: all of them, except while the server's snapshot is shown. */
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

/** Before the first render of a visit that does not start from the defaults. */
const RENDERING: PreviewState = {
  paths: [],
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

function fromSnapshot({ paths, files, diagnostics, permalink, settings, projectName, resolved }: PreviewSnapshot): PreviewState {
  return { ...RENDERING, paths, files, diagnostics, permalink, settings, projectName, resolved };
}

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
 * defaults), read by the worker as soon as it starts, or the snapshot's
 * defaults when the worker is not needed yet; it returns true when it put
 * that configuration into the form. `workerWanted` settles when the worker is
 * needed even for the defaults. `appRevision` changes whenever a new app was
 * handed to the worker (setApp), so the preview is rendered again.
 */
export function usePreview(
  input: unknown,
  savedKey: string,
  onLoad: (loaded: LoadResult) => boolean,
  snapshot: PreviewSnapshot,
  workerWanted: Promise<unknown>,
  appRevision = 0,
) {
  const workerRef = useRef<ProjectWorker | null>(null);
  // Counts started workers: a new one renders the current input, which also fills in the snapshot's missing contents.
  const [workerGeneration, setWorkerGeneration] = useState(0);
  const onLoadRef = useRef(onLoad);
  onLoadRef.current = onLoad;
  const [state, setState] = useState<PreviewState>(() => fromSnapshot(snapshot));
  const key = JSON.stringify(input);
  // Bumped when the loaded configuration replaces the defaults: the first preview after that is
  // the starting point, not an edit, so it marks no files as changed.
  const loadEpoch = useRef(0);
  const shownEpoch = useRef(0);
  // Likewise a new app, or a switch between a new project and an existing app: a different
  // project, not an edit of the previous one. The snapshot is the new project before any app.
  const shownProject = useRef(`${appRevision}:new`);
  // While the snapshot is shown: the full files of the defaults, rendered by the worker as it
  // starts, so the first edit's marks compare with every file and not only the snapshot's one.
  const snapshotShown = useRef(true);
  const baseline = useRef<Promise<GeneratedFile[] | null> | null>(null);

  const startWorker = useCallback((): ProjectWorker => {
    if (workerRef.current) return workerRef.current;
    const worker = startProjectWorker();
    workerRef.current = worker;
    if (snapshotShown.current)
      baseline.current = worker.render(snapshot.load.config, { keep: true }).then((outcome) => (outcome?.kind === "rendered" ? outcome.files : null));
    void worker.load(window.location.search, localStorage.getItem(savedKey)).then((loaded) => {
      if (workerRef.current === worker && onLoadRef.current(loaded)) loadEpoch.current += 1;
    });
    setWorkerGeneration((generation) => generation + 1);
    return worker;
  }, [savedKey, snapshot]);

  useEffect(() => {
    let live = true;
    if (startsElsewhere(snapshot, savedKey)) {
      // The snapshot (painted by the server) is not this visit's project: show none until the worker renders it.
      setState(RENDERING);
      snapshotShown.current = false;
      shownProject.current = "";
      startWorker();
    } else {
      onLoadRef.current(snapshot.load);
      void workerWanted.then(() => live && startWorker());
    }
    return () => {
      live = false;
      workerRef.current?.terminate();
      workerRef.current = null;
    };
  }, [savedKey, snapshot, startWorker, workerWanted]);

  useEffect(() => {
    // Until the worker runs, the snapshot is the preview of the unchanged defaults; a change needs the worker.
    if (!workerRef.current && key === JSON.stringify(snapshot.load.config)) return;
    const worker = workerRef.current ?? startWorker();
    if (performance.getEntriesByName(MARK_CHANGE).length === 0) performance.mark(MARK_CHANGE);
    const epoch = loadEpoch.current;
    const showRender = async () => {
      const outcome = await worker.render(JSON.parse(key));
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
      const snapshotFiles = snapshotShown.current ? await baseline.current : null;
      snapshotShown.current = false;
      setState((s) => {
        const before = snapshotFiles ?? s.files;
        // Without every old content (no baseline came) there is nothing to compare with: a starting point, not an edit.
        const comparable = isEdit && before.length === s.paths.length;
        const { previous, removed } = compare(before, outcome.files);
        const changed = comparable && before.length > 0 && (previous.size > 0 || removed.length > 0);
        return {
          paths: outcome.files.map((file) => file.path),
          files: outcome.files,
          // The marks show the last edit that changed something, not an edit that changed nothing.
          previous: changed ? previous : comparable ? s.previous : new Map<string, string | undefined>(),
          removed: changed ? removed : comparable ? s.removed : [],
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
  }, [key, appRevision, workerGeneration, snapshot, startWorker]);

  useEffect(() => {
    if (state.revision === 0 || performance.getEntriesByName(MARK_CHANGE).length === 0) return;
    performance.mark(MARK_UPDATED);
    performance.measure(MEASURE_LATENCY, MARK_CHANGE, MARK_UPDATED);
    performance.clearMarks(MARK_CHANGE);
  }, [state.revision]);

  const worker = startWorker;
  const zip = useCallback((config: unknown) => worker().zip(config), [worker]);
  const validate = useCallback((values: unknown) => worker().validate(values), [worker]);
  /** The starting configuration of a preset, as its link `?preset=<id>` gives it. */
  const presetConfig = useCallback(async (id: string) => (await worker().load(`?preset=${encodeURIComponent(id)}`, null)).config, [worker]);
  const setApp = useCallback((files: AppFile[] | null) => worker().setApp(files), [worker]);
  const setAppFolder = useCallback((folder: string) => worker().setAppFolder(folder), [worker]);

  return { ...state, zip, validate, presetConfig, setApp, setAppFolder };
}
