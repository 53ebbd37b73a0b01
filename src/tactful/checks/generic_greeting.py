"""SAL003 generic-greeting: "Dear Hiring Manager" when the reader's name is known."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._model import FixAvailability, Severity
from tactful._names import NameBook, name_book
from tactful.checks._salutation import advice, greeting_fix, names_known_people, read
from tactful.rule import CheckContext, Resources, Rule, Violation


class GenericGreeting(Rule):
    """
    ## What it does
    Flags a greeting that names a role or nobody (“To whom it may concern”, “Dear Sir or
    Madam”, “Dear Hiring Manager”, “Good morning,”) when the recipient's name is known from
    the context or the To header.

    ## Why it matters
    After an interview you know who you met. A form greeting tells the reader the note
    could have gone to anyone; advisers keep “Dear Hiring Manager” for when no name is
    known.

    ## Example
    ```text
    To: Ana Patel <apatel@riverside.example.org>

    Dear Hiring Manager,

    Thank you for the interview on Tuesday.
    ```

    ## Use instead
    ```text
    To: Ana Patel <apatel@riverside.example.org>

    Dear Dr. Patel,

    Thank you for the interview on Tuesday.
    ```
    ```text
    To: jobs@riverside.example.org

    Dear Hiring Manager,

    I am following up on my application for the histotechnician position.
    ```

    ## Fix safety
    The fix writes “Dear <Title> <Surname>,” from the context; safe when the context gives both.
    """

    code = "SAL003"
    name = "generic-greeting"
    category = "salutation"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES

    def setup(self, resources: Resources) -> None:
        self.book: NameBook = name_book(resources)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        reading = read(self.book, ctx)
        greeting, known = reading.greeting, reading.known
        if (
            greeting is None
            or not greeting.generic
            or not names_known_people(self.book, ctx, reading)
        ):
            return
        shown = ctx.text[greeting.start : greeting.end].rstrip(",:;!. ")
        who = f" ({known.shown})" if known is not None else ""
        yield Violation(
            greeting.start,
            greeting.start + len(shown),
            message=f"“{shown}” names no one, though you know who will read this{who}.",
            help=advice(known),
            fixes=greeting_fix(greeting, known, ctx),
        )
