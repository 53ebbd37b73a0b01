"""REC003 greeting-names-non-recipient: the greeting names someone the note is not sent to."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._model import Severity
from tactful._names import NameBook, addressees, name_book, names_addressee
from tactful.checks._salutation import misnamed, read
from tactful.rule import CheckContext, Resources, Rule, Violation


class GreetingNamesNonRecipient(Rule):
    """
    ## What it does
    Flags a person named in the greeting who is not among the To and Cc addresses, when
    someone else in the greeting is (“Dear Dr. Patel and Mr. Ruiz,” sent to Dr. Patel
    alone). A greeting that names nobody among the recipients is a wrong name, which
    `recipient-name-mismatch` (SAL004) reports instead, so it is reported once.

    ## Why it matters
    Greeting someone who will never receive the note shows it was written for a group
    and sent to one, or reused. Each person you met should get their own note.

    ## Example
    ```text
    To: Ana Patel <apatel@riverside.example.org>

    Dear Dr. Patel and Mr. Ruiz,

    Thank you both for meeting with me today.
    ```

    ## Use instead
    ```text
    To: Ana Patel <apatel@riverside.example.org>

    Dear Dr. Patel,

    Thank you for meeting with me today.
    ```
    ```text
    To: apatel@riverside.example.org

    Dear Dr. Patel,

    Thank you for meeting with me today.
    ```
    """

    code = "REC003"
    name = "greeting-names-non-recipient"
    category = "recipients"
    severity = Severity.WARNING

    def setup(self, resources: Resources) -> None:
        self.book: NameBook = name_book(resources)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        recipients = addressees(ctx.message, "to", "cc")
        if not recipients:
            return
        reading = read(self.book, ctx)
        greeting = reading.greeting
        if greeting is None or greeting.generic or misnamed(self.book, reading) is not None:
            return
        absent = [
            person
            for person in greeting.people
            if not any(names_addressee(self.book, person, a) for a in recipients)
        ]
        if len(absent) == len(greeting.people):
            return  # nobody greeted is a recipient: a wrong name, not an extra person
        for person in absent:
            shown = ctx.text[person.start : person.end]
            yield Violation(
                person.start,
                person.end,
                message=f"The greeting names “{shown}”, who is not among the recipients.",
                help="Greet only the person the note goes to, and write the others their own "
                "notes.",
            )
