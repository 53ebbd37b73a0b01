"""Helpers the word-level rules (informal, emoji, length, eagerness, personalization) share.

Word lists themselves live in the TOML packs under ``rules/``; these helpers only turn a
lexicon into something fast to match, once, in a rule's ``setup``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from pydantic import BaseModel, ConfigDict

from tactful._text import count_words, unblank
from tactful.checks._phrase_trie import trie_source, whole_words

if TYPE_CHECKING:
    from spacy.language import Language

    from tactful.rule import CheckContext

#: Where the engine keeps the text a doc was made from (``Doc.text`` joins every token).
DOC_TEXT_KEY = "tactful.text"
_BODY_SENTENCES_KEY = "tactful.body_sentences"
_SENTENCE_WORDS_KEY = "tactful.body_sentence_words"
_PROSE_AND_SUBJECT_KEY = "tactful.prose_and_subject"
APOSTROPHES = "'’‘`"
_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n\s*")
#: How phrase_pattern writes a phrase's spaces and apostrophes, as trie units.
_UNIT_CLASSES = {" ": r"[ \t]+", "'": "['’‘`]"}
_BULLET_LINE = regex.compile(r"\n(?=[ \t]*(?:[-*•·–]|\d{1,2}[.)])[ \t]+\S)")


def lexicon_pairs(entries: Iterable[str], separator: str = "=>") -> dict[str, tuple[str, ...]]:
    """Read ``"word => first | second"`` lexicon entries as ``{"word": ("first", "second")}``."""
    pairs: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        key, _, value = entry.partition(separator)
        choices = tuple(part.strip() for part in value.split("|") if part.strip())
        pairs[normalise(key)] = choices
    return pairs


@lru_cache(maxsize=8192)
def normalise(phrase: str) -> str:
    """Lower case, one space between words, straight apostrophes."""
    for mark in APOSTROPHES[1:]:
        phrase = phrase.replace(mark, "'")
    return " ".join(phrase.lower().split())


def phrase_pattern(phrases: Iterable[str]) -> regex.Pattern[str]:
    """A case-insensitive regex for whole phrases, longest first, any apostrophe, any spacing."""
    ordered = sorted({normalise(p) for p in phrases if p.strip()}, key=len, reverse=True)
    parts: list[str] = []
    for phrase in ordered:
        words = [
            "['’‘`]".join(regex.escape(piece) for piece in word.split("'"))
            for word in phrase.split()
        ]
        parts.append(r"[ \t]+".join(words))
    # The same phrases as a trie: several times faster, same matches (see _phrase_trie).
    trie = trie_source(ordered, parts, _UNIT_CLASSES, r"[ \t]+", ignore_case=True)
    if trie is not None:
        return regex.compile(whole_words(trie, ordered), regex.IGNORECASE)
    body = "|".join(parts) if parts else r"(?!)"
    return regex.compile(rf"(?<![\w'’])(?:{body})(?![\w'’])", regex.IGNORECASE)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: str


class PhraseFinder:
    """Finds the phrases of one or more lexicons in a parsed doc with spaCy's PhraseMatcher.

    Entries with two or more capitals ("CBC", "qPCR", "MALDI-TOF") match their exact
    spelling, so "CAP" the inspection is not "cap" the tube top; all others match
    without regard to case or apostrophe style. A plural in -s/-es matches too.

    The lexicons share two matchers (exact and loose), each lexicon's phrases under its
    own name: a matcher's pass over a doc costs about the same however many phrases it
    holds, and the matches of one name are those a matcher of that lexicon alone finds.
    """

    def __init__(self, nlp: Language, lexicons: Mapping[str, Iterable[str]]) -> None:
        from spacy.matcher import PhraseMatcher

        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._loose = PhraseMatcher(nlp.vocab, attr="NORM")
        self._names = tuple(lexicons)
        self._name_of = {nlp.vocab.strings.add(name): name for name in self._names}
        for name, phrases in lexicons.items():
            exact: dict[str, str] = {}
            loose: dict[str, str] = {}
            for phrase in phrases:
                phrase = " ".join(phrase.split())
                if not phrase:
                    continue
                target = exact if sum(c.isupper() for c in phrase) >= 2 else loose
                for variant in _variants(phrase):
                    target.setdefault(variant, phrase)
            for table, matcher in ((exact, self._exact), (loose, self._loose)):
                if table:
                    matcher.add(name, [nlp.make_doc(v) for v in table])

    def find(
        self, ctx: CheckContext, name: str, start: int = 0, end: int | None = None
    ) -> Iterator[Match]:
        """Non-overlapping matches of lexicon ``name`` inside ``[start, end)``, longest first
        at each place, in text order (made as they are read: most callers want the first
        that suits them)."""
        text, found = self._all(ctx)
        spans = found[name]
        limit = len(text) if end is None else end
        last_end = -1
        # The spans are sorted by start: those before ``start`` are skipped by binary search.
        for index in range(bisect_left(spans, (start,)), len(spans)):
            s, e = spans[index]
            if s >= limit:
                return  # every later span ends past the limit
            if s < last_end or e > limit:
                continue
            last_end = e
            yield Match(s, e, text[s:e])

    def _all(self, ctx: CheckContext) -> tuple[str, dict[str, list[tuple[int, int]]]]:
        """The doc's text and every match of each lexicon as character offsets, sorted,
        once per doc.

        Kept in ``doc.user_data``, so a rule that asks about many stretches of one doc
        runs the matchers (and joins the doc's text) only once.
        """
        doc = ctx.doc
        key = f"tactful.PhraseFinder.{id(self)}"
        cached: tuple[str, dict[str, list[tuple[int, int]]]] | None = doc.user_data.get(key)
        if cached is not None:
            return cached
        # Offsets from the token tables: a Span per match (doc[s:e]) costs far more.
        starts, texts = ctx.token_starts, ctx.token_texts
        found: dict[str, list[tuple[int, int]]] = {name: [] for name in self._names}
        name_of = self._name_of
        for matcher in (self._exact, self._loose):
            if len(matcher):
                for match_id, s, e in matcher(doc):
                    found[name_of[match_id]].append((starts[s], starts[e - 1] + len(texts[e - 1])))
        for spans in found.values():
            spans.sort(key=lambda m: (m[0], -m[1]))
        cached = (doc.user_data.get(DOC_TEXT_KEY) or doc.text, found)
        doc.user_data[key] = cached
        return cached


def _variants(phrase: str) -> tuple[str, ...]:
    last = phrase[-1]
    if not last.isalpha():
        return (phrase,)
    plural = phrase + ("es" if phrase.lower().endswith(("s", "x", "ch", "sh")) else "s")
    return (phrase, plural)


def body_sentences(ctx: CheckContext) -> list[tuple[int, int]]:
    """Sentences of the body as spans, also split at blank lines and before bullet lines.

    spaCy's rule-based splitter only knows sentence punctuation: a greeting without a
    period runs into the first sentence, and a paragraph that ends without one runs on
    into the next. Sentences are clipped to the body and cut at paragraph breaks.
    """
    cached: list[tuple[int, int]] | None = ctx.doc.user_data.get(_BODY_SENTENCES_KEY)
    if cached is not None:
        return list(cached)  # a copy: callers may sort or change theirs
    body = ctx.message.parts.body
    body_start, body_end = body.start, body.end
    text = ctx.text
    spans: list[tuple[int, int]] = []
    for sentence in ctx.sentences:
        start, end = max(sentence.start_char, body_start), min(sentence.end_char, body_end)
        if start >= end:
            continue
        chunk = text[start:end]
        stripped = chunk.strip()
        # Both kinds of cut start at a line break, and one in the spaces around the words
        # cuts off only spaces: most sentences have no line break between their first and
        # last word, and are what _split would give, without a generator.
        if "\n" in stripped:
            spans.extend(_split(chunk, start))
        elif stripped:
            offset = start + len(chunk) - len(chunk.lstrip())
            spans.append((offset, offset + len(stripped)))
    ctx.doc.user_data[_BODY_SENTENCES_KEY] = spans
    return list(spans)


def _split(chunk: str, start: int) -> Iterator[tuple[int, int]]:
    """The pieces of a sentence (``chunk``, at ``start`` in the text) between its cuts."""
    cuts = sorted(
        {m.start() for m in _PARAGRAPH_BREAK.finditer(chunk)}
        | {m.start() for m in _BULLET_LINE.finditer(chunk)}
    )
    previous = 0
    for cut in [*cuts, len(chunk)]:
        piece = chunk[previous:cut]
        stripped = piece.strip()
        if stripped:
            offset = start + previous + (len(piece) - len(piece.lstrip()))
            yield offset, offset + len(stripped)
        previous = cut


def body_sentence_words(ctx: CheckContext) -> list[tuple[int, int, int]]:
    """``body_sentences`` with the words of each: ``(start, end, words)``, counted once."""
    cached: list[tuple[int, int, int]] | None = ctx.doc.user_data.get(_SENTENCE_WORDS_KEY)
    if cached is None:
        text = ctx.text
        cached = [(s, e, count_words(text[s:e])) for s, e in body_sentences(ctx)]
        ctx.doc.user_data[_SENTENCE_WORDS_KEY] = cached
    return list(cached)  # a copy: callers may sort theirs


def prose_and_subject(ctx: CheckContext) -> str:
    """The text with all but the prose and the Subject line blanked (line breaks kept, so
    offsets hold), once per message.

    The prose is blanked already (``prose_text``): only the Subject is shown again, which
    costs far less than blanking the text anew.
    """
    shown: str | None = ctx.doc.user_data.get(_PROSE_AND_SUBJECT_KEY)
    if shown is None:
        message = ctx.message
        subject = message.header("subject")
        shown = message.prose_text
        if subject is not None:
            shown = unblank(shown, message.text, [(subject.start, subject.end)])
        ctx.doc.user_data[_PROSE_AND_SUBJECT_KEY] = shown
    return shown


def quote(text: str, limit: int = 6) -> str:
    """The first few words of a stretch of text, for a message: “As I mentioned, I am…”."""
    words = text.split()
    shown = " ".join(words[:limit])
    return f"“{shown}…”" if len(words) > limit else f"“{shown}”"


class RuleOptions(BaseModel):
    """Base of the built-in rules' options: frozen, strict, keys in kebab-case or snake_case."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        alias_generator=lambda name: name.replace("_", "-"),
        validate_by_name=True,
        validate_by_alias=True,
    )
