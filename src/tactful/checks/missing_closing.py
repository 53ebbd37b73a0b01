"""STR002 missing-closing: no valediction ("Sincerely,") before the writer's name."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._model import Applicability, Fix, FixAvailability, Severity, Strength
from tactful._names import fold
from tactful.checks._structure import sign_off
from tactful.rule import CheckContext, Resources, Rule, Violation, replace


class MissingClosing(Rule):
    """
    ## What it does
    Flags a note that ends without a closing such as “Sincerely,”, “Best regards,” or
    “Thank you,” before the writer's name. A courteous closing is recorded as a strength.

    ## Why it matters
    A US business letter ends with a closing line and then the name. Stopping after the
    last sentence, or putting the name straight under it, reads like a chat message.
    Reply-rate studies also found closings that thank the reader drew more replies.

    ## Example
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today. I look forward to hearing from you.

    Jess Miller
    ```

    ## Use instead
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today. I look forward to hearing from you.

    Best regards,
    Jess Miller
    ```
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today. I look forward to hearing from you.

    Best regards, Jess Miller
    ```

    ## Fix safety
    Inserting “Sincerely,” above the name is safe: it adds a line and changes no words.
    """

    code = "STR002"
    name = "missing-closing"
    category = "structure"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    prose_only = False

    def setup(self, resources: Resources) -> None:
        self.courteous = frozenset(fold(c) for c in resources.lexicon("courteous-closings"))

    def check(self, ctx: CheckContext) -> Iterator[Violation | Strength]:
        end = sign_off(ctx)
        text = ctx.text
        if end.closing is not None:
            start, stop = end.closing
            if fold(text[start:stop]) in self.courteous:
                yield Strength(
                    name="courteous-closing",
                    message="The note ends with a courteous closing.",
                    start=start,
                    end=stop,
                )
            return
        body = ctx.message.parts.body
        if body.end <= body.start:
            return
        name = end.name_line(text)
        fixes: tuple[Fix, ...] = ()
        if name is not None:
            at = name[0]
            fixes = (
                replace(
                    at,
                    at,
                    "Sincerely,\n",
                    title="Insert “Sincerely,” above your name",
                    applicability=Applicability.SAFE,
                ),
            )
        else:
            at, fixes = body.end, ()
        yield Violation(
            at,
            at,
            message="The note has no closing line before the name.",
            help="End with a closing such as “Sincerely,” or “Best regards,” on its own line, "
            "then your full name.",
            fixes=fixes,
        )
