"""Helpers the culture and directness rules share (not a rule module: the registry skips it)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from tactful.checks._phrase_trie import trie_source, whole_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from tactful.rule import CheckContext

#: The audience the culture rules speak for: their advice is about US conventions.
US_ONLY = frozenset({"us"})

_APOSTROPHE = regex.compile(r"['’]")
_BEFORE, _AFTER = r"(?<![\w'’])(?:", r")(?![\w'’])"
#: How phrase_pattern writes a phrase's spaces and apostrophes, as trie units.
_UNIT_CLASSES = {" ": r"\s+", "'": "['’]", "’": "['’]"}


def phrase_pattern(phrases: Iterable[str], *, ignore_case: bool = True) -> PhrasePattern:
    """One regex matching any phrase as whole words, longest first; ' and ’ match each other."""
    return PhrasePattern(phrases, ignore_case=ignore_case)


def phrase_alternation(phrases: Iterable[str]) -> str:
    """The source of ``phrase_pattern``'s regex as a plain alternation, to embed in another."""
    return _BEFORE + "|".join(_alternatives(phrases)[1]) + _AFTER


def _alternatives(phrases: Iterable[str]) -> tuple[list[str], list[str]]:
    """The phrases, longest first, and the regex of each."""
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    alternatives = []
    for phrase in ordered:
        escaped = regex.escape(phrase)
        escaped = _APOSTROPHE.sub("['’]", escaped.replace(r"\'", "'").replace("\\’", "’"))
        escaped = regex.sub(r"(?:\\ )+|\s+", r"\\s+", escaped)
        alternatives.append(escaped)
    return ordered, alternatives


class PhrasePattern:
    """Phrases compiled for search: as a trie (``_phrase_trie``), which is several times
    faster than the alternation of the phrases, and finds the same matches.

    Case-insensitive matching folds case fully (``regex.VERSION1``): "ﬁ" matches "fi"
    and "ß" matches "ss". The trie folds case simply, one character to one, which is
    faster; texts with a character that folds to several (rare in English email) are
    searched with the alternation.
    """

    def __init__(self, phrases: Iterable[str], *, ignore_case: bool) -> None:
        ordered, alternatives = _alternatives(phrases)
        self.ignore_case = ignore_case
        self.flags = regex.VERSION1 | (regex.IGNORECASE if ignore_case else 0)
        #: The plain alternation, longest phrase first.
        self.source = _BEFORE + "|".join(alternatives) + _AFTER
        trie = trie_source(ordered, alternatives, _UNIT_CLASSES, r"\s+", ignore_case)
        # Simple case folding (VERSION0) is twice as fast as full, and the same on texts
        # where no character folds to several.
        trie_flags = regex.IGNORECASE if ignore_case else self.flags
        self._trie = regex.compile(whole_words(trie, ordered), trie_flags) if trie else None
        self._alternation: regex.Pattern[str] | None = None

    def _for(self, text: str) -> regex.Pattern[str]:
        if self._trie is not None and not (self.ignore_case and folds_to_several(text)):
            return self._trie
        if self._alternation is None:  # compiled when first needed: most lists never are
            self._alternation = regex.compile(self.source, self.flags)
        return self._alternation

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[regex.Match[str]]:
        matches: Iterator[regex.Match[str]] = self._for(text).finditer(text, pos, endpos)
        return matches

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return self._for(text).search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return self._for(text).match(text, pos, endpos)


@lru_cache(maxsize=16)
def folds_to_several(text: str) -> bool:
    """Whether full case folding turns some character of the text into several."""
    return not text.isascii() and len(text.casefold()) != len(text)


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
