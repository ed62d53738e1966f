/**
 * What the user does to the server-painted wizard before its code is live.
 * React replays focus and hover on a boundary it has not hydrated yet, but
 * not clicks, typing or chosen files: the browser would still toggle a
 * checkbox or insert the text, which the form (react-hook-form resets each
 * field to its value when it registers) would then not know. Until the wizard
 * is live, a click on a control is held back, and the value a field is given
 * and the files an input is given are remembered; once live, they are applied
 * again in order, now through the form.
 *
 * The listeners sit on window, in the capture phase: React's own, on the
 * document, stop events bound for a boundary that is still dehydrated.
 */

/** The wizard's root, as the server painted it (its marker is there from the start). */
export const WIZARD_ROOT = "main[data-loaded]";
/** Controls whose click carries no change of their own (focus comes with the pointer or the key). */
const FIELD = "select, textarea, input:not([type=checkbox], [type=radio], [type=file], [type=button], [type=submit], [type=reset])";

const held: Array<() => void> = [];
let live = false;

function inWizard(event: Event): Element | null {
  const target = event.target;
  return target instanceof Element && target.closest(WIZARD_ROOT) ? target : null;
}

function holdClick(event: MouseEvent) {
  const found = inWizard(event)?.closest("button, input, label, select, textarea");
  const control = found instanceof HTMLLabelElement ? found.control : found;
  if (!(control instanceof HTMLElement) || control.matches(FIELD)) return;
  event.preventDefault();
  held.push(() => control.click());
}

function rememberValue(event: Event) {
  const field = inWizard(event);
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement) || !field.matches(FIELD)) return;
  const { value } = field;
  const caret = "selectionEnd" in field ? field.selectionEnd : null;
  held.push(() => retype(field, value, caret));
}

/** Chosen files stay on the input: telling the form again is enough. */
function rememberFiles(event: Event) {
  const input = inWizard(event);
  if (input instanceof HTMLInputElement && input.type === "file") held.push(() => input.dispatchEvent(new Event("change", { bubbles: true })));
}

/** Gives a field its value as typing would: through the element's own setter, then the events the form listens to. */
function retype(field: HTMLElement, value: string, caret: number | null) {
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value")?.set?.call(field, value);
  if (caret != null && document.activeElement === field) (field as HTMLInputElement).setSelectionRange(caret, caret);
  for (const type of ["input", "change"]) field.dispatchEvent(new Event(type, { bubbles: true }));
}

/** Starts holding clicks and remembering values, unless the wizard is already live. */
export function holdUntilLive() {
  if (live) return;
  window.addEventListener("click", holdClick, true);
  window.addEventListener("input", rememberValue, true);
  window.addEventListener("change", rememberFiles, true);
}

/** The wizard is live: stop holding and apply what was held, in order. */
export function applyHeld() {
  live = true;
  window.removeEventListener("click", holdClick, true);
  window.removeEventListener("input", rememberValue, true);
  window.removeEventListener("change", rememberFiles, true);
  for (const apply of held.splice(0)) apply();
}
