"""SAL002 untitled-greeting: the greeting uses a first name or a bare name, not title + surname."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._context import Context
from tactful._model import FixAvailability, Severity
from tactful._names import KnownRecipient, NameBook, Person, name_book
from tactful.checks._salutation import advice, greeting_fix, read
from tactful.rule import CheckContext, Resources, Rule, Violation


class UntitledGreeting(Rule):
    """
    ## What it does
    Flags a greeting that addresses the reader by first name (“Hi John,”, “Dear John,”),
    by full name without a title (“Hello Ana Patel,”), by surname without a title, or by
    a title with the given name (“Dear Dr. Ana,”). A recipient who invited first-name use
    (context `first_name_ok`) may be greeted by first name.

    ## Why it matters
    US career advisers agree: address the interviewer by title and surname until they
    invite you to use their first name. A first-name greeting from a candidate reads as
    presumptuous, however friendly the interview was.

    ## Example
    ```text
    Hi Ana,

    Thank you for showing me the hematology bench today.
    ```
    ```text
    Hello Ana Patel,

    Thank you for showing me the hematology bench today.
    ```

    ## Use instead
    ```text
    Dear Dr. Patel,

    Thank you for showing me the hematology bench today.
    ```
    ```text
    Dear Dr. Patel and Mr. Ruiz,

    Thank you both for showing me the hematology bench today.
    ```

    ## Fix safety
    The fix rewrites the greeting as “Dear <Title> <Surname>,” from the context; it is
    safe when the context gives both.
    """

    code = "SAL002"
    name = "untitled-greeting"
    category = "salutation"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    example_context = Context(recipient="Dr. Ana Patel")

    def setup(self, resources: Resources) -> None:
        self.book: NameBook = name_book(resources)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        reading = read(self.book, ctx)
        greeting, known = reading.greeting, reading.known
        if greeting is None or greeting.generic:
            return
        lone = len(greeting.people) == 1
        for person in greeting.people:
            problem = self._problem(person, known, ctx.context.first_name_ok)
            if problem is None:
                continue
            yield Violation(
                person.start,
                person.end,
                message=problem,
                help=advice(known) + " Use a first name only when they have invited you to.",
                fixes=greeting_fix(greeting, known, ctx) if lone else (),
            )

    def _problem(
        self, person: Person, known: KnownRecipient | None, first_name_ok: bool
    ) -> str | None:
        shown = " ".join(person.names)
        if person.title is not None:
            if (
                known is not None
                and self.book.is_given_name(person, known)
                and not (known.surname and self.book.matches_surname(person, known.surname))
            ):
                return (
                    f"“{person.title} {shown}” pairs a title with a given name; "
                    "a title goes with the surname."
                )
            return None
        if first_name_ok:
            return None
        if known is not None and known.surname and known.title is None and not known.given:
            return None  # a single-named recipient with no known title: the name is enough
        if known is not None and known.surname and self.book.matches_surname(person, known.surname):
            if known.given and self.book.is_given_name(person, known):
                return f"“{shown}” is a full name without a title; a formal note uses title and surname."
            return f"“{shown}” has no title; a formal note uses title and surname."
        if len(person.names) > 1:
            return (
                f"“{shown}” is a full name without a title; a formal note uses title and surname."
            )
        return (
            f"“{shown}” greets the reader by first name, which a candidate should do only "
            "when invited."
        )
