"""Helpers the culture and directness rules share (not a rule module: the registry skips it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from tactful.rule import CheckContext

#: The audience the culture rules speak for: their advice is about US conventions.
US_ONLY = frozenset({"us"})

_APOSTROPHE = regex.compile(r"['’]")


def phrase_pattern(phrases: Iterable[str], *, ignore_case: bool = True) -> regex.Pattern[str]:
    """One regex matching any phrase as whole words, longest first; ' and ’ match each other."""
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    parts = []
    for phrase in ordered:
        escaped = regex.escape(phrase)
        escaped = _APOSTROPHE.sub("['’]", escaped.replace(r"\'", "'").replace("\\’", "’"))
        escaped = regex.sub(r"(?:\\ )+|\s+", r"\\s+", escaped)
        parts.append(escaped)
    flags = regex.VERSION1 | (regex.IGNORECASE if ignore_case else 0)
    return regex.compile(r"(?<![\w'’])(?:" + "|".join(parts) + r")(?![\w'’])", flags)


def folded(words: Iterable[str]) -> frozenset[str]:
    """Lower-cased words with ’ written as '."""
    return frozenset(normal(w) for w in words)


def normal(word: str) -> str:
    return word.casefold().replace("’", "'")


def previous_word(doc: Doc, index: int, sentence: Span | None = None) -> Token | None:
    """The token before ``index`` in the same sentence, skipping line breaks; None at the start."""
    start = sentence.start if sentence is not None else 0
    i = index - 1
    while i >= start and doc[i].is_space:
        i -= 1
    return doc[i] if i >= start else None


def sentence_of(doc: Doc, index: int) -> Span:
    return doc[index].sent


def split_pairs(entries: Iterable[str]) -> dict[str, str]:
    """Lexicon entries written "form/base" as a mapping form -> base."""
    pairs: dict[str, str] = {}
    for entry in entries:
        form, _, base = entry.partition("/")
        pairs[normal(form.strip())] = base.strip()
    return pairs


def starts_with_phrase(words: list[str], phrases: frozenset[tuple[str, ...]]) -> int:
    """How many of ``words`` the longest phrase in ``phrases`` at their start covers (0: none)."""
    best = 0
    for phrase in phrases:
        if len(phrase) > best and tuple(words[: len(phrase)]) == phrase:
            best = len(phrase)
    return best


def known_recipient(ctx: CheckContext) -> tuple[str | None, str | None] | None:
    """Who the note is for, as (title, surname), when the context or the To header names one.

    None when no name is known (a careers@ address); the title is None when not given.
    """
    from email.utils import getaddresses

    context = ctx.context
    titles = {t.rstrip(".").casefold() for t in ctx.lexicon("titles")}
    if context.recipient or context.recipient_surname:
        words = (context.recipient or "").split()
        title = context.recipient_title
        if words and words[0].rstrip(".").casefold() in titles:
            title = title or words[0]
            words = words[1:]
        surname = context.recipient_surname or (words[-1] if words else None)
        return title, surname
    to = ctx.message.header("to")
    if to is None:
        return None
    addresses = getaddresses([to.value])
    if len(addresses) != 1:
        return None
    words = addresses[0][0].replace('"', "").split()
    if not any(w.rstrip(".").casefold() not in titles for w in words):
        return None
    generic = {w.casefold() for w in ctx.lexicon("generic-recipient-words")}
    if any(w.strip(",.").casefold() in generic for w in words):
        return None  # "HR Department <hr@...>" names an office, not a person
    title = words[0] if words[0].rstrip(".").casefold() in titles else None
    return title, words[-1]
