"""REC002 bcc-on-thank-you: a thank-you note with blind copies."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._context import Context
from tactful._model import Severity
from tactful._names import addressees
from tactful.rule import CheckContext, Rule, Violation


class BccOnThankYou(Rule):
    """
    ## What it does
    Flags a thank-you note with addresses in a Bcc header.

    ## Why it matters
    A thank-you is a personal note to one interviewer. Blind-copying a recruiter, a
    friend or yourself onto it is a habit of mass mail; if the copy is ever answered or
    forwarded, the recipient learns their personal note was not personal.

    ## Example
    ```text
    To: Ana Patel <apatel@riverside.example.org>
    Bcc: recruiter@staffing.example.com

    Dear Dr. Patel,

    Thank you for meeting with me today.
    ```

    ## Use instead
    ```text
    To: Ana Patel <apatel@riverside.example.org>

    Dear Dr. Patel,

    Thank you for meeting with me today.
    ```
    """

    code = "REC002"
    name = "bcc-on-thank-you"
    category = "recipients"
    severity = Severity.WARNING
    prose_only = False
    example_context = Context(kind="thank_you")

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        if ctx.kind != "thank_you" or not addressees(ctx.message, "bcc"):
            return
        header = next(h for h in ctx.message.headers("bcc") if h.value.strip())
        yield Violation(
            header.start,
            header.end,
            message="A thank-you note is blind-copied to someone; it should go to the "
            "interviewer alone.",
            help="Remove the Bcc; if a recruiter should know, tell them in a separate message.",
        )
