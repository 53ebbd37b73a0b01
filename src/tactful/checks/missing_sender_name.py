"""STR003 missing-sender-name: the note is not signed."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._context import Context
from tactful._model import Applicability, Fix, FixAvailability, Severity
from tactful._names import fold
from tactful.checks._structure import sign_off
from tactful.rule import CheckContext, Rule, Violation, replace


class MissingSenderName(Rule):
    """
    ## What it does
    Flags a note with no name after the closing (or at the end, when there is no closing).
    When the context gives the writer's name (`sender`), the fix signs with it.

    ## Why it matters
    The reader met several candidates that week. A note that ends at “Best regards,”
    leaves them matching an email address to a face; the full name belongs under the
    closing.

    ## Example
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today.

    Best regards,
    ```

    ## Use instead
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today.

    Best regards,
    Jess Miller
    ```

    ## Fix safety
    Adding the sender's name from the context is safe.
    """

    code = "STR003"
    name = "missing-sender-name"
    category = "structure"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    prose_only = False
    example_context = Context(sender="Jess Miller")

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        end = sign_off(ctx)
        text = ctx.text
        if end.name_line(text) is not None:
            return
        sender = ctx.context.sender
        if sender and any(fold(sender) in fold(text[s:e]) for s, e in end.lines):
            return
        if end.closing is not None:
            at, insert = end.closing[1], f"\n{sender}"
        elif end.lines:
            at, insert = end.lines[0][0], f"{sender}\n"
        else:
            at, insert = ctx.message.parts.body.end, f"\n\n{sender}"
        fixes: tuple[Fix, ...] = ()
        if sender:
            fixes = (
                replace(
                    at, at, insert, title=f"Sign with “{sender}”", applicability=Applicability.SAFE
                ),
            )
        yield Violation(
            at,
            at,
            message="The note is not signed with your name.",
            help="Put your full name on the line after the closing.",
            fixes=fixes,
        )
