"""SAL001 missing-greeting: the note opens without greeting anyone."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._context import Context
from tactful._model import Applicability, Fix, FixAvailability, Severity
from tactful._names import NameBook, name_book
from tactful.checks._salutation import advice
from tactful.rule import CheckContext, Resources, Rule, Violation, replace


class MissingGreeting(Rule):
    """
    ## What it does
    Flags a note that starts straight into the text without a greeting such as
    “Dear Dr. Patel,”.

    ## Why it matters
    A hiring manager reads a note with no salutation as a text message or a form letter.
    US business letters open with “Dear” and the reader's title and surname.

    ## Example
    ```text
    Thank you for meeting with me yesterday about the phlebotomy position.

    Sincerely,
    Jess Miller
    ```

    ## Use instead
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me yesterday about the phlebotomy position.

    Sincerely,
    Jess Miller
    ```

    ## Fix safety
    When the recipient's title and surname are known from the context, inserting
    “Dear <Title> <Surname>,” is safe.
    """

    code = "SAL001"
    name = "missing-greeting"
    category = "salutation"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    prose_only = False
    example_context = Context(recipient="Dr. Ana Patel")

    def setup(self, resources: Resources) -> None:
        self.book: NameBook = name_book(resources)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        parts = ctx.message.parts
        if parts.greeting is not None or parts.body.end <= parts.body.start:
            return
        known = self.book.known_recipient(ctx.context, ctx.message)
        at = parts.body.start
        fixes: tuple[Fix, ...] = ()
        if known is not None and known.salutation:
            safety = Applicability.SAFE if known.from_context else Applicability.UNSAFE
            fixes = (
                replace(
                    at,
                    at,
                    f"{known.salutation},\n\n",
                    title=f"Insert “{known.salutation},”",
                    applicability=safety,
                ),
            )
        yield Violation(
            at,
            at,
            message="The note has no greeting; it opens as if it were a text message.",
            help=advice(known),
            fixes=fixes,
        )
