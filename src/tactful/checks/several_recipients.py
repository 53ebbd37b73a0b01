"""REC001 several-recipients: one note addressed to several people at once (To/Cc)."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._model import Severity
from tactful._names import addressees
from tactful.rule import CheckContext, Rule, Violation


class SeveralRecipients(Rule):
    """
    ## What it does
    Flags a note whose To and Cc headers hold more than one person (the writer's own
    address, when it is in From, does not count). The finding points at the Cc header
    when there is one, else at To.

    ## Why it matters
    Advisers say: one separate note per interviewer. A single note to the whole panel, or
    with the HR contact or a second interviewer copied, reads as a form letter, and notes
    are often forwarded and compared.

    ## Example
    ```text
    To: Ana Patel <apatel@riverside.example.org>
    Cc: Luis Ruiz <lruiz@riverside.example.org>

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

    code = "REC001"
    name = "several-recipients"
    category = "recipients"
    severity = Severity.WARNING
    prose_only = False

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        own = {a.address for a in addressees(ctx.message, "from") if a.address}
        people = {
            a.address or a.name.casefold()
            for a in addressees(ctx.message, "to", "cc")
            if (a.address or a.name) and a.address not in own
        }
        if len(people) < 2:
            return
        cc = [h for h in ctx.message.headers("cc") if h.value.strip()]
        header = cc[0] if cc else ctx.message.headers("to")[0]
        yield Violation(
            header.start,
            header.end,
            message=f"This one note goes to {len(people)} people at once; each interviewer "
            "should get a note of their own.",
            help="Send a separate, personal note to each person you met, and leave the others "
            "out of To and Cc.",
        )
