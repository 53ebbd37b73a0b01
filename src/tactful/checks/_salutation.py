"""What the salutation and recipients rules share: the greeting read against the recipient."""

from __future__ import annotations

from dataclasses import dataclass

from tactful._model import Applicability, Fix
from tactful._names import (
    Greeting,
    KnownRecipient,
    NameBook,
    Person,
    addressees,
    read_greeting,
)
from tactful.rule import CheckContext, replace


@dataclass(frozen=True)
class GreetingReading:
    greeting: Greeting | None
    known: KnownRecipient | None


def read(book: NameBook, ctx: CheckContext) -> GreetingReading:
    """The greeting and the known recipient, read once per message and book (immutable)."""
    key = f"tactful.greeting.{id(book)}"
    reading: GreetingReading | None = ctx.doc.user_data.get(key)
    if reading is None:
        reading = GreetingReading(
            read_greeting(book, ctx.message), book.known_recipient(ctx.context, ctx.message)
        )
        ctx.doc.user_data[key] = reading
    return reading


def bears_surname(book: NameBook, person: Person, known: KnownRecipient | None) -> bool:
    """Whether the mention is meant as a family name: titled and not a given name, or a full name."""
    if known is not None and book.is_given_name(person, known):
        return person.title is not None and len(person.names) > 1
    return person.title is not None or len(person.names) > 1


def misnamed(book: NameBook, reading: GreetingReading) -> Person | None:
    """The person a greeting names instead of the known recipient, if nobody greeted is them.

    The salutation rule reports this; the recipients rule stays silent about it, so a
    wrong name is one finding, not two.
    """
    greeting, known = reading.greeting, reading.known
    if greeting is None or greeting.generic or known is None or known.surname is None:
        return None
    if any(book.matches_surname(p, known.surname) for p in greeting.people):
        return None
    return next((p for p in greeting.people if bears_surname(book, p, known)), None)


def names_known_people(book: NameBook, ctx: CheckContext, reading: GreetingReading) -> bool:
    """Whether the writer knows whom to name: a known recipient or a named To/Cc address."""
    if reading.known is not None:
        return True
    return any(a.name for a in addressees(ctx.message, "to", "cc") if book.is_person(a))


def greeting_fix(
    greeting: Greeting, known: KnownRecipient | None, ctx: CheckContext
) -> tuple[Fix, ...]:
    """Replace the whole greeting with "Dear <Title> <Surname>," when both are known."""
    if known is None or known.salutation is None:
        return ()
    replacement = known.salutation + (greeting.punctuation or ",")
    safety = Applicability.SAFE if known.from_context else Applicability.UNSAFE
    return (replace(greeting.start, greeting.end, replacement, applicability=safety),)


def advice(known: KnownRecipient | None) -> str:
    if known is not None and known.salutation:
        return f"Write “{known.salutation},”."
    if known is not None and known.surname:
        return (
            f"Use their title and surname, such as “Dear Dr. {known.surname},” or "
            f"“Dear Ms. {known.surname},” (check which title they use)."
        )
    return "Use the interviewer's title and surname, such as “Dear Dr. Patel,”."
