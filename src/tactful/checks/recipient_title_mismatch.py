"""SAL005 recipient-title-mismatch: the right surname with the wrong title."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._context import Context
from tactful._model import Applicability, FixAvailability, Severity
from tactful._names import NameBook, fold, name_book
from tactful.checks._salutation import read
from tactful.rule import CheckContext, Resources, Rule, Violation, replace


class RecipientTitleMismatch(Rule):
    """
    ## What it does
    Flags a greeting that gives the recipient a different title from the one known
    (context `recipient_title`, or the title in `recipient`): “Dear Ms. Patel,” to
    Dr. Patel. Spellings of one title (“Prof.”, “Professor”) count as the same.

    ## Why it matters
    Advisers tell candidates to use the person's real title, Dr. or Professor, rather
    than Mr. or Ms. when they have one. Dropping an earned title, or using the wrong
    courtesy title, is noticed.

    ## Example
    ```text
    Dear Ms. Patel,

    Thank you for meeting with me today.
    ```

    ## Use instead
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today.
    ```
    ```text
    Dear Doctor Patel,

    Thank you for meeting with me today.
    ```

    ## Fix safety
    Replacing the title with the one from the context is safe; from a header it is unsafe.
    """

    code = "SAL005"
    name = "recipient-title-mismatch"
    category = "salutation"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    example_context = Context(recipient="Dr. Ana Patel")

    def setup(self, resources: Resources) -> None:
        self.book: NameBook = name_book(resources)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        reading = read(self.book, ctx)
        greeting, known = reading.greeting, reading.known
        if greeting is None or known is None or known.title is None or known.surname is None:
            return
        for person in greeting.people:
            if (
                person.title is None
                or person.title_start is None
                or person.title_end is None
                or not self.book.matches_surname(person, known.surname)
                or fold(person.title) == fold(known.title)
            ):
                continue
            written = ctx.text[person.title_start : person.title_end]
            safety = Applicability.SAFE if known.from_context else Applicability.UNSAFE
            yield Violation(
                person.title_start,
                person.title_end,
                message=f"“{written} {known.surname}” uses a different title from the one "
                f"known: {known.title} {known.surname}.",
                help=f"Write “{known.title} {known.surname}”.",
                fixes=(
                    replace(
                        person.title_start, person.title_end, known.title, applicability=safety
                    ),
                ),
            )
