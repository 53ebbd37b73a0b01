"""SAL004 recipient-name-mismatch: the greeting names someone other than the recipient."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._context import Context
from tactful._model import Applicability, FixAvailability, Severity
from tactful._names import NameBook, name_book
from tactful.checks._salutation import misnamed, read
from tactful.rule import CheckContext, Resources, Rule, Violation, replace


class RecipientNameMismatch(Rule):
    """
    ## What it does
    Flags a greeting whose surname does not match the known recipient (from the context,
    or the one named To address): “Dear Dr. Patell,” or “Dear Dr. Ramirez,” to Dr. Patel.
    Case and accents are ignored (“Dear Ms. Nunez” for Ms. Núñez passes); spelling is not.

    ## Why it matters
    Hiring managers report rejecting candidates who misspelled their name: it reads as
    carelessness in exactly the detail work a lab job is about. It is also what a reused
    note sent to the wrong person looks like.

    ## Example
    ```text
    Dear Dr. Patell,

    Thank you for meeting with me today.
    ```

    ## Use instead
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today.
    ```
    ```text
    Dear Dr. PATEL,

    Thank you for meeting with me today.
    ```

    ## Fix safety
    Replacing the name with the one in the context is unsafe: check who the note is for.
    """

    code = "SAL004"
    name = "recipient-name-mismatch"
    category = "salutation"
    severity = Severity.ERROR
    fix_availability = FixAvailability.SOMETIMES
    example_context = Context(recipient="Dr. Ana Patel")

    def setup(self, resources: Resources) -> None:
        self.book: NameBook = name_book(resources)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        reading = read(self.book, ctx)
        person = misnamed(self.book, reading)
        known = reading.known
        if person is None or known is None or known.surname is None:
            return
        names_start = person.title_end if person.title_end is not None else person.start
        names_start = ctx.text.index(person.names[0], names_start)
        written = ctx.text[names_start : person.end]
        source = "the note is for" if known.from_context else "the note is addressed to"
        yield Violation(
            names_start,
            person.end,
            message=f"The greeting names “{written}”, but {source} {known.shown}.",
            help="Check the spelling of the name against their email signature or the "
            "interview invitation.",
            fixes=(
                replace(
                    names_start,
                    person.end,
                    known.surname,
                    applicability=Applicability.UNSAFE,
                ),
            ),
        )
