"""LEN003 long-sentence: a sentence too long to follow in one reading."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

import regex
from pydantic import Field

from tactful._model import Severity
from tactful._text import count_words
from tactful.checks._words import RuleOptions, body_sentences
from tactful.rule import CheckContext, Rule, Violation

# Places where a long sentence splits naturally, best first.
_JOINTS = regex.compile(r";|,\s+(?:and|but|so|which|because|while|although|where)\b|\s—\s|\s-\s")


class LongSentenceOptions(RuleOptions):
    max_words: int = Field(default=35, gt=0, description="most words in one sentence")


class LongSentence(Rule):
    """
    ## What it does
    Flags a sentence in the body of more than 35 words, and suggests where to split it.

    ## Why it matters
    A hiring manager reads your note quickly, often on a phone. A sentence of 35 words
    or more makes the reader hold several ideas at once, and the one that matters can
    be lost in the middle. Two sentences read faster than one long one.

    ## Example
    ```text
    Dear Dr. Nakamura,

    I especially enjoyed hearing how your group moved the mouse genotyping from gel-based PCR to a qPCR melt-curve assay last spring, because I set up a similar workflow in my current lab and spent several months troubleshooting primer dimers and contamination in the no-template controls before we got it validated.
    ```

    ## Use instead
    ```text
    Dear Dr. Nakamura,

    I especially enjoyed hearing how your group moved the mouse genotyping from gel-based
    PCR to a qPCR melt-curve assay last spring. I set up a similar workflow in my current
    lab and spent several months troubleshooting primer dimers before we validated it.
    ```
    """

    code = "LEN003"
    name = "long-sentence"
    category = "length"
    severity = Severity.WARNING
    options_model = LongSentenceOptions

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        limit: int = self.options.max_words
        text, starts = ctx.text, ctx.token_starts
        for start, end in body_sentences(ctx):
            # Each word has a letter or digit, in a token of its own (tokens hold no spaces),
            # so a sentence has no more words than tokens reaching into it: most have too few
            # tokens to be long, and counting tokens by binary search costs far less.
            tokens = bisect_left(starts, end) - bisect_right(starts, start) + 1
            if tokens <= limit:
                continue
            words = count_words(text[start:end])
            if words <= limit:
                continue
            yield Violation(
                start,
                end,
                message=f"This sentence runs to {words} words; past {limit} a reader has to "
                "hold too much at once.",
                help=self._split_hint(ctx.text[start:end]),
            )

    @staticmethod
    def _split_hint(sentence: str) -> str:
        middle = len(sentence) / 2
        joints = [m for m in _JOINTS.finditer(sentence) if 15 < m.start() < len(sentence) - 15]
        if not joints:
            return "Split it into two or three sentences, one idea each."
        best = min(joints, key=lambda m: abs(m.start() - middle))
        before = " ".join(sentence[: best.start()].split()[-4:])
        return f"Split it into two sentences, for example after “…{before}”, with one idea each."
