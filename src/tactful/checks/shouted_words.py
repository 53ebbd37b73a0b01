"""EAG004 shouted-words: ordinary words in capitals for emphasis, not acronyms."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from tactful._model import FixAvailability, Severity
from tactful.checks._shared import message_words
from tactful.checks._words import normalise
from tactful.rule import CheckContext, Resources, Rule, Violation, replace

if TYPE_CHECKING:
    from spacy.tokens import Token

# Endings of ordinary English words that acronyms almost never have ("AMAZING", "REALLY").
_WORDLIKE = regex.compile(r"(?:ING|LY|FUL|ED|OUS|TION|NESS|ABLE|IBLE|MENT)$|(?:EST|IVE)$(?<=.{6})")
_ROMAN = regex.compile(r"[IVXLCDM]+")
_LETTERS = regex.compile(r"\p{L}+(?:['’]\p{L}+)?")


class ShoutedWords(Rule):
    """
    ## What it does
    Flags ordinary words written in capitals for emphasis (“REALLY”, “SO”, “PERFECT”,
    “THANK YOU”), and offers the word in normal case. Acronyms are left alone: the
    shipped list knows lab and hospital ones (CLIA, ASCP, PCR, HIPAA, CBC, QC, LIS,
    EDTA, STAT, ALL …), and an unknown capitalised token counts as an acronym unless it
    is a common English word or ends like one (“-ING”, “-LY”, “-FUL”, “-ED”).

    ## Why it matters
    In email, capitals read as raised voice. A word in capitals for emphasis makes a
    note sound over-excited or insistent, and career advisers list it with runs of
    exclamation marks as things to avoid.

    ## Example
    ```text
    Dear Dr. Moore,

    I was REALLY impressed by the GC-MS lab, and this position would be PERFECT for me.
    ```

    ## Use instead
    ```text
    Dear Dr. Moore,

    I was impressed by the GC-MS lab, and my ASCP MLT certification, HIPAA training and
    CLIA-waived POCT experience fit the role. I can cover STAT runs on the PM shift.
    ```

    ## Options
    Add acronyms of your own field to a pack's `acronyms` lexicon.

    ## Fix safety
    The fix writes the word in normal case (capitalised at the start of a sentence); safe.
    """

    code = "EAG004"
    name = "shouted-words"
    category = "eagerness"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS

    def setup(self, resources: Resources) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        self._acronyms = frozenset(resources.lexicon("acronyms"))
        self._words = frozenset(
            normalise(w) for w in (*resources.lexicon("emphasis-words"), *STOP_WORDS)
        )
        # The same capitalised words (acronyms, "I") come back in note after note.
        self._is_shouted = lru_cache(maxsize=4096)(self._shouted)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        parts = ctx.message.parts
        start_at = parts.greeting.end if parts.greeting else parts.body.start
        # The token tables, not the tokens: reading a Token's attributes is slow.
        # Whether a token is shouted depends on its text alone: the message's distinct
        # texts are tested once each (the cheap test inline), most notes have none.
        shouting = {
            text for text in message_words(ctx, "text") if text.isupper() and self._is_shouted(text)
        }
        if not shouting:
            return
        texts = ctx.token_texts
        first = bisect_left(ctx.token_starts, start_at)
        # A run is shouted tokens one right after another, each followed by a space: any
        # other token between two shouted ones ends the run, so only they need a look.
        shouted = [index for index, text in enumerate(texts[first:], first) if text in shouting]
        run: list[Token] = []
        for index in shouted:
            token = ctx.tokens[index]
            if run and not self._adjacent(run[-1], token):
                yield from self._report(ctx, run)
                run = []
            run.append(token)
        if run:
            yield from self._report(ctx, run)

    def _shouted(self, text: str) -> bool:
        if not text.isupper():  # the cheapest test first; all three must pass
            return False
        letters = [c for c in text if c.isalpha()]
        if len(letters) < 2 or not _LETTERS.fullmatch(text):
            return False
        if text in self._acronyms or _ROMAN.fullmatch(text):
            return False
        return normalise(text) in self._words or bool(_WORDLIKE.search(text))

    @staticmethod
    def _adjacent(previous: Token, token: Token) -> bool:
        return token.i == previous.i + 1 and bool(previous.whitespace_)

    def _report(self, ctx: CheckContext, run: list[Token]) -> Iterator[Violation]:
        start = run[0].idx
        end = run[-1].idx + len(run[-1].text)
        shown = ctx.text[start:end]
        if ctx.is_allowed(shown):
            return
        lowered = shown.lower()
        if _sentence_start(ctx, run[0]):
            lowered = lowered[:1].upper() + lowered[1:]
        yield Violation(
            start,
            end,
            message=f"“{shown}” in capitals reads as shouting; it makes the note sound "
            "over-excited.",
            help=f"Write “{lowered}” and let the words carry the emphasis.",
            fixes=(replace(start, end, lowered),),
        )


def _sentence_start(ctx: CheckContext, token: Token) -> bool:
    if token.is_sent_start or token.i == 0:
        return True
    previous = ctx.doc[token.i - 1]
    return "\n" in previous.text or previous.text in {".", "!", "?"}
