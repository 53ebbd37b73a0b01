"""DIR005 buried-purpose: a status follow-up that does not say why it was written until late."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._context import Context
from tactful._model import Severity
from tactful.checks._shared import phrase_pattern
from tactful.rule import CheckContext, Resources, Rule, Violation

#: A status follow-up should say what it asks within this many body sentences.
EARLY = 2


class BuriedPurpose(Rule):
    """
    ## What it does
    For a status follow-up, checks that one of the first two sentences of the body
    says what the note is for (an update, the status, a decision, the timeline,
    “following up”, “I am writing to ...”) or asks the reader a question. When the purpose comes later, it flags the sentence where it
    finally appears; when it never appears, it flags the start of the body.

    ## Why it matters
    In many writing traditions a request comes after pleasantries and context, and
    leading with it feels abrupt. A US hiring manager reads the first line or two to
    learn what an email wants; when that is a recap of the interview, the question
    can be missed or answered late.

    ## Example
    ```text
    Dear Dr. Grady,

    I hope you and the team are keeping well. I have been reading more about automated
    plate reading since our conversation. I am writing to ask whether there is any update
    on the Microbiology Technologist position.
    ```

    ## Use instead
    ```text
    Dear Dr. Grady,

    I hope you are well. I am writing to ask whether there is any update on the
    Microbiology Technologist position. I have been reading more about automated plate
    reading since our conversation.
    ```
    """

    code = "DIR005"
    name = "buried-purpose"
    category = "directness"
    severity = Severity.WARNING
    example_context = Context(kind="status_followup")

    def setup(self, resources: Resources) -> None:
        self.cues = phrase_pattern(resources.lexicon("status-purpose-cues"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        if ctx.kind != "status_followup":
            return
        sentences = ctx.body_sentences
        if not sentences:
            return
        stating = [i for i, s in enumerate(sentences) if self._states_purpose(s.text)]
        if stating and stating[0] < EARLY:
            return
        if not stating:
            body_start = sentences[0].start_char
            yield Violation(
                body_start,
                body_start,
                message="This status follow-up never says plainly what it asks; a US hiring "
                "manager looks for the question in the first line or two.",
                help="Open with it: “I am writing to ask whether there is any update on the "
                "<position> role.”",
            )
            return
        found = sentences[stating[0]]
        start = found.start_char
        end = start + len(found.text.rstrip())
        yield Violation(
            start,
            end,
            message=f"The purpose of this follow-up first appears in sentence {stating[0] + 1}. "
            "Leading with context is courteous in many traditions, but a US hiring manager "
            "looks for the request in the first line or two.",
            help="Move this sentence to the start of the body, right after the greeting.",
        )

    def _states_purpose(self, sentence: str) -> bool:
        """A sentence that names the follow-up's purpose, or asks the reader something."""
        return bool(self.cues.search(sentence)) or sentence.rstrip().endswith("?")
