"""People's names in greetings, headers and context: titles, given names and surnames.

One place decides how a name is taken apart, so the salutation and recipients rules agree
on who a greeting names. Comparison ignores case and accents ("Siobhán" = "siobhan") but
not spelling ("Patel" is not "Patell"). Word lists (titles, particles, generic greetings)
come from the shipped ``lexicons`` packs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.utils import getaddresses
from functools import cache, lru_cache

import regex

from tactful._context import Context
from tactful._message import ParsedMessage
from tactful.rule import Resources

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’.-]*")
_SEPARATOR = regex.compile(r"\s*(?:,|&|;|/|\+|\band\b)\s*", regex.IGNORECASE)
_SEPARATOR_CHARACTERS = frozenset(",&;/+")
_MAILBOX_PUNCTUATION = regex.compile(r"[._+-]")
_TRAILING = ",:;!.—–- \t"
_NOT_NAME_CHARS = regex.compile(r"[^\p{L}\p{N}']+")
#: How many parsed greeting lines a NameBook remembers.
_GREETINGS_KEPT = 1024


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Case- and accent-insensitive form: "De la Cruz" and "de la cruz" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_NAME_CHARS.sub(" ", bare).split())


@dataclass(frozen=True)
class Person:
    """One person a greeting or a header names."""

    title: str | None  # canonical ("Dr."), None when untitled
    names: tuple[str, ...]  # the name words as written, honorifics dropped
    start: int  # offsets of the whole mention (title included) in the text
    end: int
    title_start: int | None = None
    title_end: int | None = None

    @property
    def folded(self) -> str:
        return fold(" ".join(self.names))


@dataclass(frozen=True)
class Greeting:
    """The salutation taken apart."""

    start: int
    end: int
    people: tuple[Person, ...]
    generic: bool  # names a role ("Hiring Manager") or nobody ("Good morning,")
    punctuation: str  # what ends it (",", ":" or "")


@dataclass(frozen=True)
class KnownRecipient:
    """Who the note is for, from the context or, failing that, a lone To address."""

    title: str | None
    given: tuple[str, ...]
    surname: str | None
    from_context: bool

    @property
    def salutation(self) -> str | None:
        """ "Dear Dr. Patel," when both title and surname are known."""
        if self.title and self.surname:
            return f"Dear {self.title} {self.surname}"
        return None

    @property
    def shown(self) -> str:
        return " ".join(p for p in (self.title, *self.given, self.surname) if p)


@dataclass(frozen=True)
class Addressee:
    """One address in To/Cc/Bcc."""

    name: str
    address: str


class NameBook:
    """The word lists names are read with, built once per process from the lexicons."""

    def __init__(
        self,
        titles: Iterable[str],
        synonyms: Iterable[str],
        openers: Iterable[str],
        generic: Iterable[str],
        generic_words: Iterable[str],
        honorifics: Iterable[str],
        particles: Iterable[str],
        role_words: Iterable[str] = (),
    ) -> None:
        self.titles: dict[str, str] = {}
        for title in titles:
            key = _title_key(title)
            current = self.titles.get(key)
            # Prefer the dotted form ("Dr.") as the one shown in fixes.
            if current is None or (title.endswith(".") and not current.endswith(".")):
                self.titles[key] = title
        for entry in synonyms:
            long, _, short = entry.partition("=")
            if short.strip():
                self.titles[_title_key(long)] = self.titles.get(_title_key(short), short.strip())
        ordered = sorted({fold(o) for o in openers}, key=len, reverse=True)
        self.opener = regex.compile(
            r"^\s*(?:(?:"
            + "|".join(r"\s+".join(map(regex.escape, o.split())) for o in ordered)
            # A greeting word is followed by a space or punctuation, never by more letters.
            + r")(?![\p{L}'])[\s,!.:-]*)+",
            regex.IGNORECASE,
        )
        self.generic = frozenset(fold(g) for g in generic)
        self.generic_words = frozenset(fold(w) for w in generic_words)
        self.honorifics = frozenset(fold(w) for w in honorifics)
        self.particles = frozenset(fold(p) for p in particles)
        self.role_words = frozenset(fold(w) for w in role_words)
        self._greetings: dict[tuple[str, int, int], Greeting] = {}

    def is_person(self, addressee: Addressee) -> bool:
        """Whether an address is a person's, not a shared mailbox ("careers@", "HR Team")."""
        mailbox = addressee.address.partition("@")[0]
        words = set(fold(f"{addressee.name} {_MAILBOX_PUNCTUATION.sub(' ', mailbox)}").split())
        return bool(addressee.name or mailbox) and not words & self.role_words

    def canonical_title(self, word: str) -> str | None:
        return self.titles.get(_title_key(word))

    def split_name(self, words: Sequence[str]) -> tuple[tuple[str, ...], str | None]:
        """Given names and surname of a given-first name; particles join the surname."""
        if not words:
            return (), None
        index = len(words) - 1
        while index > 0 and fold(words[index - 1]) in self.particles:
            index -= 1
        return tuple(words[:index]), " ".join(words[index:])

    def parse_greeting(self, text: str, start: int, end: int) -> Greeting:
        """The greeting line ``text[start:end]`` taken apart.

        Remembered by line and place (a ``Greeting`` is immutable): notes open with a few
        greetings again and again ("Dear Dr. Patel,"), and an editor re-checks a draft
        whose greeting has not changed at every keystroke.
        """
        line = text[start:end]
        key = (line, start, end)
        greeting = self._greetings.get(key)
        if greeting is None:
            if len(self._greetings) >= _GREETINGS_KEPT:
                self._greetings.clear()
            greeting = self._greetings[key] = self._parse_greeting(line, start, end)
        return greeting

    def _parse_greeting(self, line: str, start: int, end: int) -> Greeting:
        stripped = line.rstrip(_TRAILING)
        tail = line[len(stripped) :].strip()
        punctuation = tail[:1] if tail[:1] in (",", ":") else ""
        opener = self.opener.match(stripped)
        offset = opener.end() if opener else 0
        addressee = stripped[offset:]
        folded = fold(addressee)
        whole = fold(stripped)
        if not folded or whole in self.generic or folded in self.generic:
            return Greeting(start, end, (), True, punctuation)
        people = tuple(self._people(addressee, start + offset))
        words = folded.split()
        has_title = any(p.title for p in people)
        if not people or (not has_title and words[-1] in self.generic_words):
            return Greeting(start, end, (), True, punctuation)
        return Greeting(start, end, people, False, punctuation)

    def _people(self, addressee: str, base: int) -> Iterable[Person]:
        cursor = 0
        # Most greetings name one person: with no separator character and no "and" (which
        # only A, N and D match, whatever their case), the split would return it whole.
        if _SEPARATOR_CHARACTERS.isdisjoint(addressee) and "and" not in addressee.lower():
            pieces = [addressee]
        else:
            pieces = _SEPARATOR.split(addressee)
        for piece in pieces:
            found = addressee.find(piece, cursor) if piece else -1
            if found < 0:
                continue
            cursor = found + len(piece)
            words = [
                (m.group(), base + found + m.start(), base + found + m.end())
                for m in _WORD.finditer(piece)
            ]
            title = title_start = title_end = None
            while words and (canonical := self.canonical_title(words[0][0])):
                title = canonical
                title_start, title_end = words[0][1], words[0][2]
                words = words[1:]
            while words and _in_either(fold(words[-1][0]), self.honorifics, self.generic_words):
                words = words[:-1]
            if not words:
                continue
            yield Person(
                title=title,
                names=tuple([w[0].rstrip(".") for w in words]),
                start=title_start if title_start is not None else words[0][1],
                end=words[-1][2],
                title_start=title_start,
                title_end=title_end,
            )

    def parse_name(self, name: str, surname: str | None = None) -> KnownRecipient:
        """A name as written in context or a header: "Dr. Ana Patel", "Patel, Ana"."""
        if "," in name and not surname:
            family, _, first = name.partition(",")
            name = f"{first.strip()} {family.strip()}"
        words = [m.group().rstrip(".") for m in _WORD.finditer(name)]
        title = None
        while words and self.canonical_title(words[0]):
            title = self.canonical_title(words[0])
            words = words[1:]
        if surname:
            given = tuple(w for w in words if fold(w) not in fold(surname).split())
            return KnownRecipient(title, given, surname.strip(), True)
        given_names, family_name = self.split_name(words)
        return KnownRecipient(title, given_names, family_name, True)

    def known_recipient(self, context: Context, message: ParsedMessage) -> KnownRecipient | None:
        """The recipient from the context; else the one named address in To."""
        if context.recipient or context.recipient_surname:
            known = self.parse_name(context.recipient or "", context.recipient_surname)
            if context.recipient_title:
                title = self.canonical_title(context.recipient_title.strip())
                known = KnownRecipient(
                    title or context.recipient_title.strip(), known.given, known.surname, True
                )
            return known if known.surname else None
        to = [a for a in addressees(message, "to") if self.is_person(a)]
        if len(to) == 1 and to[0].name:
            known = self.parse_name(to[0].name)
            if known.surname:
                return KnownRecipient(known.title, known.given, known.surname, False)
        return None

    def matches_surname(self, person: Person, surname: str) -> bool:
        """Whether the person's name ends with this surname (accents and case ignored)."""
        wanted = fold(surname).split()
        have = person.folded.split()
        return bool(wanted) and have[-len(wanted) :] == wanted

    def is_given_name(self, person: Person, known: KnownRecipient) -> bool:
        """The person is addressed by a given name, a shortened one ("Greg") or the full name."""
        given = [fold(g) for g in known.given]
        if not given:
            return False
        words = person.folded.split()
        first = words[0]
        return any(g == first or (len(first) >= 3 and g.startswith(first)) for g in given)


def addressees(message: ParsedMessage, *names: str) -> list[Addressee]:
    """Every address in the named headers, parsed by ``email.utils.getaddresses``."""
    values = [h.value for name in names for h in message.headers(name)]
    if not values:
        return []  # most drafts have no address headers; the parser costs even on none
    return [
        Addressee(name=display.strip(), address=address.strip().lower())
        for display, address in getaddresses(values)
        if address.strip() or display.strip()
    ]


def names_addressee(book: NameBook, person: Person, addressee: Addressee) -> bool:
    """Whether a greeted person is this addressee, by display name or by the mailbox name."""
    if addressee.name:
        known = book.parse_name(addressee.name)
        if known.surname and book.matches_surname(person, known.surname):
            return True
        if book.is_given_name(person, known):
            return True
    mailbox = fold(addressee.address.partition("@")[0]).replace(" ", "")
    surname = person.folded.split()[-1].replace("'", "")
    return len(surname) >= 3 and surname in mailbox


@cache
def _book(lexicons: tuple[tuple[str, ...], ...]) -> NameBook:
    return NameBook(*lexicons)


def name_book(resources: Resources) -> NameBook:
    """The shared ``NameBook`` for these lexicons (built once, then reused by every rule)."""
    return _book(
        tuple(
            resources.lexicon(name)
            for name in (
                "titles",
                "title-synonyms",
                "greeting-openers",
                "generic-greetings",
                "generic-addressee-words",
                "trailing-honorifics",
                "surname-particles",
                "role-mailbox-words",
            )
        )
    )


def read_greeting(book: NameBook, message: ParsedMessage) -> Greeting | None:
    greeting = message.parts.greeting
    if greeting is None:
        return None
    return book.parse_greeting(message.text, greeting.start, greeting.end)


def _title_key(title: str) -> str:
    return fold(title).rstrip(".")


def _in_either(word: str, first: frozenset[str], second: frozenset[str]) -> bool:
    """``word in first | second`` without making the union."""
    return word in first or word in second
