"""What the structure rules share: phrase matchers and the sign-off at the end of the note."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import regex
from spacy.language import Language

from tactful._names import fold
from tactful._text import split_lines
from tactful.checks._shared import (
    GatedMatcher,
    by_rarest_word,
    holds_some_phrase,
    message_words,
)
from tactful.rule import CheckContext, Resources

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A signed name: starts with a capitalised word (or a script without case); credentials,
# pronouns and an emoji may follow ("Rowan Ellis (they/them)", "Rosa Delgado, CT(ASCP)").
_NAME_LINE = regex.compile(r"^[-—–~\s]*(?:\p{Lu}|\p{Lo})[\p{L}\p{M}'’.-]*(?:[\s,]|$)")
_CONTACT = regex.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\d)\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{2,4}\)?){2,5}(?!\d)"
    r"|linkedin\.com",
    regex.IGNORECASE,
)
# Every contact holds an "@" (an email address), a digit (a phone number) or a "."
# ("linkedin.com"): a line without any needs no search for one.
_MAY_BE_CONTACT = regex.compile(r"[@.\d]")
_SENTENCE_END = regex.compile(r"[.!?:;)”\"]$")
_SIGN_OFF_KEY = "tactful.sign_off"
_ENDS_SENTENCE = regex.compile(r"(?<!\b\p{Lu}\p{L}?)[.!?]$")


def phrase_matcher(nlp: Language, phrases: Iterable[str]) -> GatedMatcher:
    return GatedMatcher(nlp, phrases, "LOWER", "phrase")


def matches(matcher: GatedMatcher, ctx: CheckContext) -> list[tuple[int, int]]:
    """Character spans of the phrases found in the prose, longest first where they overlap."""
    return matcher.spans(ctx)


#: The structure rules' phrase lists that nearly every note is matched against:
#: thank-you-without-thanks and interest-not-restated share one pass over the doc.
SHARED_LISTS = ("thanks-phrases", "interest-phrases", "interest-desires", "interest-objects")


class PhraseLists:
    """Phrase lists in one spaCy ``PhraseMatcher`` (lowercased), each under its own name,
    run at most once a message.

    A matcher's pass over a doc costs about the same for four lists as for one, and
    nearly every note holds a thanks phrase, so one pass replaces two or three. As
    ``GatedMatcher`` does for one list, the pass is skipped when the message's words
    hold all the tokens of no phrase of any list: no list can match then.
    """

    def __init__(self, nlp: Language, lists: Mapping[str, Iterable[str]]) -> None:
        from spacy.matcher import PhraseMatcher

        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._name_of: dict[int, str] = {}
        every_doc: list[Doc] = []
        for name, phrases in lists.items():
            docs = [nlp.make_doc(phrase) for phrase in phrases]
            if not docs:
                continue
            self._matcher.add(name, docs)
            self._name_of[nlp.vocab.strings.add(name)] = name
            every_doc += docs
        self._by_key = by_rarest_word([token.lower_ for token in doc] for doc in every_doc)
        self._keys = frozenset(self._by_key)
        self._cache_key = f"tactful.PhraseLists.{id(self)}"

    def spans(self, ctx: CheckContext, name: str) -> list[tuple[int, int]]:
        """Character spans of the matches of list ``name`` (a new list: callers may add to
        it), in the matcher's order."""
        found: dict[str, list[tuple[int, int]]] | None = ctx.doc.user_data.get(self._cache_key)
        if found is None:
            found = self._match(ctx)
            ctx.doc.user_data[self._cache_key] = found
        return list(found.get(name, ()))

    def _match(self, ctx: CheckContext) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        if not holds_some_phrase(self._by_key, self._keys, message_words(ctx, "lower")):
            return found
        starts, texts = ctx.token_starts, ctx.token_texts
        name_of = self._name_of
        for match_id, s, e in self._matcher(ctx.doc):
            found.setdefault(name_of[match_id], []).append(
                (starts[s], starts[e - 1] + len(texts[e - 1]))
            )
        return found


def shared_lists(resources: Resources, *needed: str) -> PhraseLists:
    """The ``PhraseLists`` of ``SHARED_LISTS`` for these resources, one for every rule that
    asks; ``needed`` are the lists the caller reads (a KeyError when one is not loaded)."""
    for name in needed:
        resources.lexicon(name)
    return _phrase_lists(
        resources.nlp,
        tuple((n, resources.lexicons[n]) for n in SHARED_LISTS if n in resources.lexicons),
    )


@lru_cache(maxsize=16)
def _phrase_lists(nlp: Language, lists: tuple[tuple[str, tuple[str, ...]], ...]) -> PhraseLists:
    return PhraseLists(nlp, dict(lists))


@dataclass(frozen=True)
class SignOff:
    """The end of the note: the closing line, and the lines after it (name, contact)."""

    closing: tuple[int, int] | None  # the valediction ("Sincerely,"), if any
    lines: tuple[tuple[int, int], ...]  # non-empty lines after the closing (or the block)
    writer_end: int  # where the writer's own text ends (before any quoted reply)
    # name_line's answer by text: three rules ask it of one message's text.
    _name_lines: dict[str, tuple[int, int] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def name_line(self, text: str) -> tuple[int, int] | None:
        if text in self._name_lines:
            return self._name_lines[text]
        found = next((ln for ln in self.lines if is_name_line(text[ln[0] : ln[1]])), None)
        self._name_lines[text] = found
        return found

    def has_contact(self, text: str) -> bool:
        return any(_holds_contact(text[s:e]) for s, e in self.lines)


def is_name_line(line: str) -> bool:
    stripped = line.strip()
    return (
        bool(_NAME_LINE.match(stripped))
        and not _holds_contact(stripped)
        and not _ENDS_SENTENCE.search(stripped)
        and len(stripped.split()) <= 10
    )


def _holds_contact(line: str) -> bool:
    return _MAY_BE_CONTACT.search(line) is not None and _CONTACT.search(line) is not None


@cache
def _closing_pattern(closings: tuple[str, ...]) -> regex.Pattern[str]:
    ordered = sorted({fold(c) for c in closings}, key=len, reverse=True)
    body = "|".join(r"\s+".join(regex.escape(w) for w in c.split()) for c in ordered)
    return regex.compile(r"^[ \t]*(?:" + body + r")[ \t]*[,.!—–-]+[ \t]*(?=\S)", regex.IGNORECASE)


@cache
def _closing_start(closings: tuple[str, ...]) -> regex.Pattern[str]:
    ordered = sorted({fold(c) for c in closings}, key=len, reverse=True)
    body = "|".join(r"\s+".join(regex.escape(w) for w in c.split()) for c in ordered)
    return regex.compile(r"^[ \t]*(?:" + body + r")\b", regex.IGNORECASE)


def _starts_with(pattern: regex.Pattern[str], line: str) -> bool:
    return bool(pattern.match(line))


def sign_off(ctx: CheckContext) -> SignOff:
    """Find the closing and the signature lines, including shapes the parser leaves in the body:
    "Best regards, Priya" on one line, or a last sentence ending in a comma before the name.

    Found once per message and shared by the rules that ask (a ``SignOff`` is immutable).
    """
    found: SignOff | None = ctx.doc.user_data.get(_SIGN_OFF_KEY)
    if found is None:
        found = _find_sign_off(ctx)
        ctx.doc.user_data[_SIGN_OFF_KEY] = found
    return found


def _find_sign_off(ctx: CheckContext) -> SignOff:
    text, parts = ctx.text, ctx.message.parts
    writer_end = parts.quoted[0].start if parts.quoted else len(text)
    body_start = parts.greeting.end if parts.greeting else parts.body.start
    # With a closing, only the lines after it count; a non-blank line ending at or before
    # the closing's end starts (stripped) before it, so such lines need no look.
    after_closing = parts.closing.end if parts.closing is not None else -1
    lines = [
        (s, e)
        for s, e in split_lines(text)
        if s >= body_start and after_closing < e <= writer_end and text[s:e].strip()
    ]
    lines = [
        (s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip()))
        for s, e in lines
    ]
    if parts.closing is not None:
        after = tuple(ln for ln in lines if ln[0] >= parts.closing.end)
        return SignOff((parts.closing.start, parts.closing.end), after, writer_end)
    # The trailing block of short lines that do not end a sentence is the signature.
    block: list[tuple[int, int]] = []
    for s, e in reversed(lines):
        line = text[s:e]
        if (_SENTENCE_END.search(line) and not _holds_contact(line)) or len(line.split()) > 8:
            break
        block.insert(0, (s, e))
    inline = _closing_pattern(tuple(ctx.lexicon("closings")))
    inline_start = _closing_start(tuple(ctx.lexicon("closings")))
    for index, (s, e) in enumerate(block):
        found = inline.match(text[s:e])
        if found:  # "Best regards, Priya Raghunathan"
            rest = ((s + found.end(), e), *block[index + 1 :])
            return SignOff((s, s + found.end()), rest, writer_end)
        if _starts_with(inline_start, text[s:e]) and len(text[s:e].split()) <= 5:
            return SignOff((s, e), tuple(block[index + 1 :]), writer_end)  # "Thanks a ton"
        if text[s:e].rstrip().endswith(","):  # "With thanks for your time," then the name
            return SignOff((s, e), tuple(block[index + 1 :]), writer_end)
    prose = [ln for ln in lines if ln not in block]
    if prose and text[prose[-1][0] : prose[-1][1]].rstrip().endswith(","):
        last = prose[-1]
        return SignOff(last, tuple(block), writer_end)
    return SignOff(None, tuple(block), writer_end)
