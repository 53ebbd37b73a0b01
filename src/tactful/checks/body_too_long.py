"""LEN001 body-too-long: more words than the note's kind allows."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from itertools import islice

from pydantic import Field

from tactful._context import Context
from tactful._model import Severity
from tactful.checks._words import RuleOptions, body_sentence_words, quote
from tactful.rule import CheckContext, Rule, Violation


class BodyTooLongOptions(RuleOptions):
    thank_you_words: int = Field(
        default=200, gt=0, description="most words in the body of a thank-you note"
    )
    status_followup_words: int = Field(
        default=150, gt=0, description="most words in the body of a status follow-up"
    )


class BodyTooLong(Rule):
    """
    ## What it does
    Flags a body (between the greeting and the closing) longer than the budget for its
    kind: 200 words for a thank-you note, 150 for a status follow-up. It says how many
    words to cut, marks the word where the budget runs out, and names the longest
    sentences as the first places to trim.

    ## Why it matters
    Career advisers recommend about 100-180 words for a thank-you note and fewer for a
    status follow-up, and a study of some 40 million emails found that messages of
    50-125 words got the most replies. A hiring manager reads a follow-up between other
    tasks; a long one is skimmed, and the point you wanted to make can be lost.

    ## Example
    ```text
    Dear Ms. Nash,

    I am writing to follow up on my interview on November 2 for the Laboratory Technician position in your chemistry department, which I enjoyed very much. During the interview we talked about the automation line, the Westgard rules you use for the morning QC runs, and the way your team handles critical values after midnight. I have been thinking about those conversations since then. I would like to add that in my current role I run QC on two Cobas c501 analyzers every morning, review Levey-Jennings charts, and document corrective actions in the LIS, and I have also trained three new hires on the specimen processing bench. I believe this experience would let me contribute from the first week. I also completed a course on lean laboratory management this fall, which covered turnaround-time studies. I remain very interested in the position and in joining your team at the hospital. Could you tell me whether there is an update on the hiring timeline, and whether there is anything else I can send you to help with your decision?

    Best regards,
    Crystal Young
    ```

    ## Use instead
    ```text
    Dear Ms. Nash,

    I am following up on my November 2 interview for the Laboratory Technician position.
    Could you tell me whether there is an update on the hiring timeline?

    I enjoyed our conversation about the Westgard rules for your morning QC runs, and I
    remain very interested in the role.

    Best regards,
    Crystal Young
    ```

    ## Options
    The budgets per kind; the kind comes from the context or is inferred from the text.
    """

    code = "LEN001"
    name = "body-too-long"
    category = "length"
    severity = Severity.WARNING
    options_model = BodyTooLongOptions
    example_context = Context(kind="status_followup")

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        options: BodyTooLongOptions = self.options
        thank_you = ctx.kind == "thank_you"
        budget = options.thank_you_words if thank_you else options.status_followup_words
        words = ctx.body_words
        if words <= budget:
            return
        body = ctx.message.parts.body
        # The body's words as tokens, up to the first one over budget; the token tables
        # spare reading most Token attributes.
        starts, spaces, puncts = ctx.token_starts, ctx.token_is_space, ctx.token_is_punct
        body_indices = range(bisect_left(starts, body.start), bisect_left(starts, body.end))
        words_as_tokens = (i for i in body_indices if not spaces[i] and not puncts[i])
        counted = list(islice(words_as_tokens, budget + 1))
        over = starts[counted[budget]]
        sentences = sorted(body_sentence_words(ctx), key=lambda s: s[2], reverse=True)[:2]
        longest = ", ".join(f"{quote(ctx.text[s:e])} ({n} words)" for s, e, n in sentences)
        what = "a thank-you note" if thank_you else "a status follow-up"
        advice = "advisers suggest 100-180" if thank_you else "advisers suggest 50-150"
        keep = (
            "the thanks, one specific detail from the interview and your interest in the role"
            if thank_you
            else "your question, one specific detail from the interview and your interest"
        )
        yield Violation(
            over,
            over,
            message=f"The body runs to {words} words; {what} should stay within {budget} "
            f"({advice}). Cut about {words - budget} words; the budget runs out here.",
            help=f"Start with the longest sentences: {longest}. Keep {keep}.",
        )
