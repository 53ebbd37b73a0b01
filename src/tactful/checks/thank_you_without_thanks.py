"""STR001 thank-you-without-thanks: a thank-you note that never thanks the reader."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._context import Context
from tactful._model import Severity, Strength
from tactful.checks._structure import shared_lists
from tactful.rule import CheckContext, Resources, Rule, Violation


class ThankYouWithoutThanks(Rule):
    """
    ## What it does
    Flags a thank-you note (after an interview) in which no word thanks the reader:
    no “thank you”, “thanks”, “grateful” or “appreciate” anywhere in the greeting, body or
    closing. When the note does thank, that is recorded as a strength.

    ## Why it matters
    The thanks is the point of the note; advisers list it first among the parts a
    post-interview note needs. Without it the note reads as a request or an update.

    ## Example
    ```text
    Dear Dr. Patel,

    It was good to see the histology lab today. The new cryostat looked excellent.

    Sincerely,
    Jess Miller
    ```

    ## Use instead
    ```text
    Dear Dr. Patel,

    Thank you for showing me the histology lab today. The new cryostat looked excellent.

    Sincerely,
    Jess Miller
    ```
    """

    code = "STR001"
    name = "thank-you-without-thanks"
    category = "structure"
    severity = Severity.WARNING
    prose_only = False
    example_context = Context(kind="thank_you")

    def setup(self, resources: Resources) -> None:
        self.phrases = shared_lists(resources, "thanks-phrases")

    def check(self, ctx: CheckContext) -> Iterator[Violation | Strength]:
        found = self.phrases.spans(ctx, "thanks-phrases")
        if found:
            start, end = min(found)
            yield Strength(
                name="thanks",
                message="The note thanks the reader.",
                start=start,
                end=end,
            )
            return
        if ctx.kind != "thank_you":
            return
        body = ctx.message.parts.body
        yield Violation(
            body.start,
            body.start,
            message="This thank-you note never actually thanks the reader.",
            help="Open with a specific thanks, such as “Thank you for meeting with me today "
            "and for the tour of the core lab.”",
        )
