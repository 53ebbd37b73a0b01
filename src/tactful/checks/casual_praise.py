"""INF006 casual-praise: "cool" and kin as praise, never in their lab senses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tactful._model import Applicability, Fix, FixAvailability, Severity
from tactful.checks._shared import message_words
from tactful.checks._words import lexicon_pairs, normalise
from tactful.rule import CheckContext, Resources, Rule, Violation, replace

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ARTICLES = frozenset({"a", "an", "such", "some", "the", "this", "that", "these", "those"})


class CasualPraise(Rule):
    """
    ## What it does
    Flags “cool” (and “rad”, “dope”) used as praise: “it was cool”, “so cool”, “a cool
    tour”, “Cool!”. The lab senses are left alone: “cool the samples”, “a cool room”,
    “keep the slides cool”, “the specimens were cool to the touch”.

    ## Why it matters
    “Cool” as praise is everyday speech, but in writing to a hiring manager it sounds
    like a text to a friend, and it says little: what impressed you, and why? A plain,
    specific word carries your interest better.

    ## Example
    ```text
    Dear Ms. Morales,

    I had a cool time seeing the Leica stainers and the grossing room.
    ```
    ```text
    Dear Ms. Morales,

    Seeing your frozen-section workflow was really cool.
    ```

    ## Use instead
    ```text
    Dear Ms. Morales,

    I appreciated the reminder to cool the samples on ice before centrifugation, and the
    cool room was well organized. Blocks stay cool in the ice tray.
    ```

    ## Fix safety
    The fix offers “great” before a noun and “interesting” elsewhere. Which word you
    meant is yours to say, so the fix is marked unsafe.
    """

    code = "INF006"
    name = "casual-praise"
    category = "informal"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES

    def setup(self, resources: Resources) -> None:
        self._words = lexicon_pairs(resources.lexicon("casual-praise"))
        self._intensifiers = frozenset(
            normalise(w) for w in resources.lexicon("casual-praise-intensifiers")
        )
        self._cues = frozenset(normalise(w) for w in resources.lexicon("casual-praise-cues"))
        self._cold = frozenset(normalise(w) for w in resources.lexicon("casual-praise-cold-senses"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        words = self._words
        # Most notes hold none of the words: one set test, then only their tokens.
        if words.keys().isdisjoint(message_words(ctx, "lower")):
            return
        doc = ctx.doc
        tokens = ctx.tokens
        lowers = ctx.token_lowers
        for index in [i for i, lower in enumerate(lowers) if lower in words]:
            choices = words[lowers[index]]
            token = tokens[index]
            if ctx.is_allowed(token.text):
                continue
            use = self._use(doc, token)
            if use is None:
                continue
            start, end = token.idx, token.idx + len(token.text)
            before = _previous_word(doc, token)
            if before is not None and before.lower_ in self._intensifiers:
                start = before.idx  # "pretty cool" -> "very interesting"
            shown = ctx.text[start:end]
            fixes: tuple[Fix, ...] = ()
            if use != "interjection":
                word = choices[0] if use == "attributive" else choices[-1]
                if start != token.idx:
                    word = f"very {word}"
                if shown[:1].isupper():
                    word = word[:1].upper() + word[1:]
                fixes = (replace(start, end, word, applicability=Applicability.UNSAFE),)
            yield Violation(
                start,
                end,
                message=f"“{shown}” as praise is casual for a note to a hiring manager.",
                help="Say what impressed you in plain words"
                + (f", e.g. “{fixes[0].edits[0].replacement}”." if fixes else "."),
                fixes=fixes,
            )

    def _use(self, doc: Doc, token: Token) -> str | None:
        """How the word is used: "attributive", "predicative", "interjection" or None (lab sense)."""
        after = _next_word(doc, token)
        next_text = after.lower_ if after is not None else ""
        if next_text in self._cold:
            return None
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if _starts_sentence(doc, token) and (nxt is None or nxt.is_punct):
            return "interjection"  # "Cool!"
        before = _previous_word(doc, token)
        if before is None:
            return None
        previous = before.lower_
        if previous in _ARTICLES:
            if after is None or nxt is None or nxt.is_punct or not after.is_alpha:
                return None  # "a cool, dry place"
            return "attributive"
        if previous in self._cues:
            if self._cold_subject(doc, before):
                return None  # "the samples were cool"
            return "predicative"
        return None

    def _cold_subject(self, doc: Doc, cue: Token) -> bool:
        """The subject before the linking verb is a temperature noun: "the specimens were cool"."""
        index = cue.i
        while index >= 0 and doc[index].lower_ in self._cues:
            index -= 1  # back over "were", "really", "so"
        return index >= 0 and doc[index].lower_ in self._cold


def _starts_sentence(doc: Doc, token: Token) -> bool:
    if token.is_sent_start or token.i == 0:
        return True
    previous = doc[token.i - 1]
    return "\n" in previous.text or previous.text in {".", "!", "?"}


def _previous_word(doc: Doc, token: Token) -> Token | None:
    index = token.i - 1
    if index < 0 or doc[index].is_space or doc[index].is_punct:
        return None
    return doc[index]


def _next_word(doc: Doc, token: Token) -> Token | None:
    index = token.i + 1
    while index < len(doc) and (doc[index].is_space or doc[index].is_punct):
        if doc[index].text not in {",", "-"}:
            return None
        index += 1
    return doc[index] if index < len(doc) else None
