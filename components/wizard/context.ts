"use client";
import { createContext, useContext } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { ConfigPath } from "@/lib/config/paths";
import type { ResolvedConfig } from "@/lib/config/resolve";
import type { Policy } from "@/lib/config/policy";
import type { Config, ConfigProblem } from "@/lib/config/schema";
import type { AppSource, AppUploadState } from "./AppUpload";

export type WizardState = {
  form: UseFormReturn<Config>;
  /** The form's current values (may be invalid). */
  values: Config;
  /** The schema's problems with the current values, by dotted path. */
  problems: ConfigProblem[];
  /** Sets one setting by dotted path and revalidates. */
  set: (path: ConfigPath, value: unknown) => void;
  /** What the "automatic" settings resolve to, for the last valid configuration. */
  resolved: ResolvedConfig["resolved"] | null;
  /** The paths of the files the zip will hold, for the last valid configuration. */
  filePaths: string[];
  /** The uploaded app of an "existing" project. */
  app: AppUploadState;
  chooseApp: (source: AppSource) => void;
  /** Integrates another of the upload's candidate folders. */
  chooseAppFolder: (folder: string) => void;
  refuseApp: (message: string) => void;
  /** The organization policy this Sidecar runs under, if any. */
  policy?: Policy;
};

export const WizardContext = createContext<WizardState | null>(null);

export function useWizard(): WizardState {
  const state = useContext(WizardContext);
  if (!state) throw new Error("useWizard outside the wizard");
  return state;
}

/** Problems reported exactly at `path` (or under it, with `nested`). */
export function problemsAt(problems: ConfigProblem[], path: string, nested = false): ConfigProblem[] {
  return problems.filter((p) => p.path === path || (nested && p.path.startsWith(`${path}.`)));
}

/** An id usable in the DOM for a dotted path. */
export const fieldId = (path: string) => `field-${path.replace(/\./g, "-")}`;
export const errorId = (path: string) => `${fieldId(path)}-error`;
