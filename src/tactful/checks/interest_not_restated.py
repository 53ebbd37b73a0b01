"""STR005 interest-not-restated: the note never says the writer still wants the job."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from tactful._model import Severity
from tactful.checks._structure import shared_lists
from tactful.rule import CheckContext, Resources, Rule, Violation


class InterestNotRestated(Rule):
    """
    ## What it does
    Flags a note that never restates the writer's interest in the role or their fit for
    it (“I am very interested in the position”, “I would welcome the opportunity to
    join your team”, “a strong fit”).

    ## Why it matters
    After thanks and a specific detail, advisers list a restatement of interest and fit as
    what a follow-up must carry: it is the line the hiring manager remembers when
    deciding between candidates. A status follow-up without it reads as a complaint about
    the wait.

    ## Example
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today and for the tour of the core lab.

    Sincerely,
    Jess Miller
    ```

    ## Use instead
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today and for the tour of the core lab. I am very
    interested in the position and would welcome the chance to join your team.

    Sincerely,
    Jess Miller
    ```
    """

    code = "STR005"
    name = "interest-not-restated"
    category = "structure"
    severity = Severity.WARNING
    prose_only = False

    def setup(self, resources: Resources) -> None:
        self.phrases = shared_lists(
            resources, "interest-phrases", "interest-desires", "interest-objects"
        )

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        body = ctx.message.parts.body
        if (
            body.end <= body.start
            or self.phrases.spans(ctx, "interest-phrases")
            or self._wants_role(ctx)
        ):
            return
        yield Violation(
            body.end,
            body.end,
            message="The note never restates your interest in the position.",
            help="Add one sentence on why you want the role and how you fit it, such as “I am very "
            "interested in the position and confident my blood bank experience would help "
            "your team.”",
        )

    def _wants_role(self, ctx: CheckContext) -> bool:
        """A sentence that pairs a wish with the job ("I still really want the position")."""
        objects = self.phrases.spans(ctx, "interest-objects")
        if not objects:
            return False
        # The sentence of a wish, found among the prose sentences by offset: it holds the
        # wish's first word, so it is not blank, and it is the last to start at or before it.
        sentences = ctx.sentences
        sentence_starts = [sentence.start_char for sentence in sentences]
        for start, _ in self.phrases.spans(ctx, "interest-desires"):
            sentence = sentences[bisect_right(sentence_starts, start) - 1]
            bounds = sentence.start_char, sentence.end_char
            if any(bounds[0] <= s < bounds[1] for s, _ in objects):
                return True
        return False
