/**
 * The wizard's steps in order: the questions every project answers, the
 * optional advanced settings, and the review. The page's "Answer N questions"
 * and the progress line both count from this list, so they cannot disagree.
 */
import type { FieldStep } from "./fields";

type StepKind = "question" | "optional" | "review";
export type StepId = FieldStep | "review";
export type WizardStep = { id: StepId; title: string; kind: StepKind };

export const WIZARD_STEPS: readonly WizardStep[] = [
  { id: "project", title: "Project", kind: "question" },
  { id: "database", title: "PostgreSQL", kind: "question" },
  { id: "auth", title: "Sign-in methods", kind: "question" },
  { id: "verification", title: "Email verification", kind: "question" },
  { id: "validation", title: "Session validation", kind: "question" },
  { id: "deployment", title: "Deployment", kind: "question" },
  { id: "origins", title: "Frontend origins", kind: "question" },
  { id: "lifetime", title: "Session lifetime", kind: "question" },
  { id: "advanced", title: "Advanced", kind: "optional" },
  { id: "review", title: "Review", kind: "review" },
];

export const QUESTION_COUNT = WIZARD_STEPS.filter((step) => step.kind === "question").length;

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** "eight questions": the count in words, as a sentence reads it. */
export function questionCountText(count = QUESTION_COUNT): string {
  return `${NUMBER_WORDS[count] ?? count} question${count === 1 ? "" : "s"}`;
}

/** What the progress line says on a step: "Question 3 of 8", "Optional: advanced settings", "Review". */
export function progressText(index: number): string {
  const step = WIZARD_STEPS[index];
  switch (step.kind) {
    case "question":
      return `Question ${WIZARD_STEPS.slice(0, index + 1).filter((s) => s.kind === "question").length} of ${QUESTION_COUNT}`;
    case "optional":
      return `Optional: ${step.title.toLowerCase()} settings`;
    case "review":
      return "Last step: review and download";
  }
}
