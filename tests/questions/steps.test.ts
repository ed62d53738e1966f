import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIELD_STEPS } from "../../lib/questions/fields";
import { progressText, QUESTION_COUNT, questionCountText, WIZARD_STEPS } from "../../lib/questions/steps";

describe("the wizard's steps", () => {
  it("list every step that edits settings once, then the review", () => {
    assert.deepEqual(
      WIZARD_STEPS.map((s) => s.id),
      [...FIELD_STEPS, "review"],
    );
  });

  it("count the questions the way the progress line does", () => {
    assert.equal(QUESTION_COUNT, 8);
    assert.equal(questionCountText(), "eight questions");
    assert.equal(progressText(0), "Question 1 of 8");
    assert.equal(progressText(QUESTION_COUNT - 1), `Question ${QUESTION_COUNT} of ${QUESTION_COUNT}`);
    const numbered = WIZARD_STEPS.map((_, index) => progressText(index)).filter((text) => text.startsWith("Question "));
    assert.equal(numbered.length, QUESTION_COUNT);
  });

  it("do not number the optional step or the review as questions", () => {
    assert.equal(progressText(WIZARD_STEPS.findIndex((s) => s.id === "advanced")), "Optional: advanced settings");
    assert.equal(progressText(WIZARD_STEPS.length - 1), "Last step: review and download");
  });

  it("write counts beyond the words as digits", () => {
    assert.equal(questionCountText(1), "one question");
    assert.equal(questionCountText(14), "14 questions");
  });
});
