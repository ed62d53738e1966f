"use client";
/**
 * The wizard as the server painted it, made live only when needed, so a
 * first visit loads none of its code (the form library, the steps, the
 * question tables). The code loads at once when the visit starts from a
 * link, a saved configuration or a served policy, else on the first
 * interaction with the wizard (a pointer over it is a head start). Until it
 * is live, the boundary keeps the server's HTML and pre-hydration.ts holds
 * back what the user does, to apply it once the form can take it.
 */
import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { policyServed, startsElsewhere } from "../preview/visit";
import { applyHeld, holdUntilLive, WIZARD_ROOT } from "./pre-hydration";
import type { WizardProps } from "./Wizard";

/** Interactions that call for the generator's worker too (a pointer passing over does not). */
const ENGAGING = ["pointerdown", "touchstart", "focusin", "keydown"] as const;

function signal() {
  let settle = () => {};
  const promise = new Promise<void>((resolve) => (settle = resolve));
  return { promise, settle };
}

const codeWanted = signal();
const workerWanted = signal();

// On the server the wizard renders at once, so its HTML is in the page.
const Wizard = lazy(async () => {
  if (typeof window !== "undefined") await codeWanted.promise;
  const { Wizard } = await import("./Wizard");
  return { default: Wizard };
});

function wantBoth() {
  codeWanted.settle();
  workerWanted.settle();
}

function onWizard(event: Event) {
  if (!(event.target instanceof Element && event.target.closest(WIZARD_ROOT))) return;
  codeWanted.settle();
  if ((ENGAGING as readonly string[]).includes(event.type)) workerWanted.settle();
}

/** Applies what was held once the wizard inside has hydrated and its effects (the form's subscriptions) run. */
function WhenLive({ children }: { children: ReactNode }) {
  useEffect(applyHeld, []);
  return children;
}

export function DeferredWizard(props: Omit<WizardProps, "workerWanted">) {
  const { snapshot } = props;
  useEffect(() => {
    holdUntilLive();
    if (startsElsewhere(snapshot)) wantBoth();
    else void policyServed().then((served) => served && wantBoth());
    const types = ["pointerover", ...ENGAGING];
    for (const type of types) window.addEventListener(type, onWizard, { capture: true, passive: true });
    return () => {
      for (const type of types) window.removeEventListener(type, onWizard, { capture: true });
    };
  }, [snapshot]);
  return (
    <Suspense>
      <WhenLive>
        <Wizard {...props} workerWanted={workerWanted.promise} />
      </WhenLive>
    </Suspense>
  );
}
