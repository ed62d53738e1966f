"use client";
/**
 * The wizard's inputs. Every choice shows its trade-off; an option that
 * cannot be changed now is disabled with the reason next to it, in the
 * neutral words of a note rather than an error's (read by screen readers
 * through aria-describedby).
 */
import { getIn, type ConfigPath } from "@/lib/config/paths";
import { lockedReason, optionRefusal } from "@/lib/config/policy-rules";
import type { OptionText } from "@/lib/questions";
import { FIELDS } from "@/lib/questions/fields";
import { errorId, fieldId, problemsAt, useWizard } from "./context";

export const card =
  "flex cursor-pointer gap-3 rounded-lg border p-3 has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50 dark:has-[:checked]:border-blue-400 dark:has-[:checked]:bg-blue-950 border-slate-300 dark:border-slate-700 has-[:disabled]:cursor-not-allowed has-[:disabled]:bg-slate-50 dark:has-[:disabled]:bg-slate-900";

export function FieldErrors({ path, nested = false }: { path: string; nested?: boolean }) {
  const { problems } = useWizard();
  const mine = problemsAt(problems, path, nested);
  if (mine.length === 0) return null;
  return (
    <ul id={errorId(path)} className="mt-2 space-y-1 text-sm font-medium text-red-700 dark:text-red-300" role="alert">
      {mine.map((p) => (
        <li key={`${p.path}:${p.message}`}>{p.message}</li>
      ))}
    </ul>
  );
}

/**
 * How a kept option's note begins: a ticked box that must stay ticked "stays
 * on"; anything else is "not available" with the answers given so far.
 */
const keptPrefix = (checked: boolean) => (checked ? "Stays on" : "Not available");

function OptionBody({ id, text, note }: { id: string; text: OptionText; note?: string }) {
  return (
    <span className="flex flex-col">
      <span id={`${id}-label`} className="font-medium">
        {text.label}
      </span>
      <span id={`${id}-tradeoff`} className="text-sm text-slate-600 dark:text-slate-400">
        {text.tradeoff}
      </span>
      {note && (
        <span id={`${id}-reason`} className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="option-note">
          {note}
        </span>
      )}
    </span>
  );
}

/** What the current answers add to a field's help (an automatic value), before the registry's own hint. */
type Situational = string | false | undefined;

/** A field's help: what the current answers add, then the field registry's hint. */
function hintOf(path: ConfigPath, situational: Situational): string | undefined {
  return [situational, FIELDS[path].hint].filter(Boolean).join(" ") || undefined;
}

type RadioCardsProps<T extends string> = {
  path: ConfigPath;
  legend: string;
  hint?: Situational;
  options: readonly T[];
  texts: Record<T, OptionText>;
  /** Why an option cannot be chosen now, if it cannot. */
  reasonFor?: (option: T) => string | undefined;
  /** The setting's value for an option, when it is not the option itself (e.g. a boolean). */
  valueFor?: (option: T) => unknown;
};

export function RadioCards<T extends string>({ path, legend, hint: situational, options, texts, reasonFor, valueFor = (o) => o }: RadioCardsProps<T>) {
  const { values, set, policy } = useWizard();
  const hint = hintOf(path, situational);
  const current = getIn(values, path);
  return (
    <fieldset>
      <legend className="text-lg font-semibold">{legend}</legend>
      {hint && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{hint}</p>}
      <div className="mt-3 grid gap-2">
        {options.map((option) => {
          const id = `${fieldId(path)}-${option}`;
          const value = valueFor(option);
          // The policy's own wording first: it names who decided and why.
          const reason = value === current ? undefined : (optionRefusal(policy, path, value) ?? reasonFor?.(option));
          return (
            <label key={option} htmlFor={id} className={card}>
              <input
                id={id}
                type="radio"
                name={path}
                value={option}
                checked={current === value}
                disabled={Boolean(reason)}
                onChange={() => set(path, value)}
                aria-labelledby={`${id}-label`}
                aria-describedby={`${id}-tradeoff${reason ? ` ${id}-reason` : ""}`}
                className="mt-1 h-4 w-4 shrink-0 accent-blue-600"
              />
              <OptionBody id={id} text={texts[option]} note={reason && `${keptPrefix(false)}: ${reason}`} />
            </label>
          );
        })}
      </div>
      <FieldErrors path={path} />
    </fieldset>
  );
}

type CheckCardProps = {
  id: string;
  text: OptionText;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Why the box cannot be changed now, if it cannot. */
  reason?: string;
  /** A remark on the current choice that does not stop a change. */
  note?: string;
};

export function CheckCard({ id, text, checked, onChange, reason, note }: CheckCardProps) {
  const shown = reason ? `${keptPrefix(checked)}: ${reason}` : note;
  return (
    <label htmlFor={id} className={card}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={Boolean(reason)}
        onChange={(event) => onChange(event.target.checked)}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-tradeoff${shown ? ` ${id}-reason` : ""}`}
        className="mt-1 h-4 w-4 shrink-0 accent-blue-600"
      />
      <OptionBody id={id} text={text} note={shown} />
    </label>
  );
}

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

type TextFieldProps = { path: ConfigPath; label: string; hint?: Situational; multiline?: boolean };

/** The note under a field the organization policy locks. */
function LockNote({ path, reason }: { path: string; reason?: string }) {
  if (!reason) return null;
  return (
    <p id={`${fieldId(path)}-lock`} className="mt-1 text-sm text-slate-700 dark:text-slate-300">
      {reason}
    </p>
  );
}

function describedByOf(path: string, hint: unknown, invalid: boolean, locked: unknown): string | undefined {
  return [hint && `${fieldId(path)}-hint`, locked && `${fieldId(path)}-lock`, invalid && errorId(path)].filter(Boolean).join(" ") || undefined;
}

export function TextField({ path, label, hint: situational, multiline }: TextFieldProps) {
  const { form, problems, policy } = useWizard();
  const hint = hintOf(path, situational);
  const invalid = problemsAt(problems, path).length > 0;
  const locked = lockedReason(policy, path);
  const common = {
    id: fieldId(path),
    "aria-invalid": invalid,
    "aria-describedby": describedByOf(path, hint, invalid, locked),
    className: inputClass,
    readOnly: Boolean(locked),
    ...form.register(path),
  };
  return (
    <div>
      <label htmlFor={fieldId(path)} className="font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${fieldId(path)}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" autoComplete="off" spellCheck={false} {...common} />}
      <LockNote path={path} reason={locked} />
      <FieldErrors path={path} />
    </div>
  );
}

type NumberFieldProps = {
  path: ConfigPath;
  label: string;
  hint?: Situational;
  /** Empty means "use the automatic value" (the setting is optional in the schema). */
  optional?: boolean;
};

export function NumberField({ path, label, hint: situational, optional }: NumberFieldProps) {
  const { form, problems, policy } = useWizard();
  const hint = hintOf(path, situational);
  const invalid = problemsAt(problems, path).length > 0;
  const locked = lockedReason(policy, path);
  const describedBy = describedByOf(path, hint, invalid, locked);
  return (
    <div>
      <label htmlFor={fieldId(path)} className="font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${fieldId(path)}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      <input
        id={fieldId(path)}
        type="number"
        inputMode="numeric"
        placeholder={optional ? "automatic" : undefined}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        className={inputClass}
        readOnly={Boolean(locked)}
        {...form.register(path, {
          // An emptied required field becomes NaN so the schema reports it instead of silently using the default.
          setValueAs: (raw: string) => (raw === "" ? (optional ? undefined : Number.NaN) : Number(raw)),
        })}
      />
      <LockNote path={path} reason={locked} />
      <FieldErrors path={path} />
    </div>
  );
}
