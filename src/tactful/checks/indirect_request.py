"""DIR004 indirect-request: a wish that never asks ("It would be great if there were any news")."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

import regex

from tactful._model import Severity
from tactful.checks._shared import folded_text, folds_to_several, phrase_alternation
from tactful.rule import CheckContext, Resources, Rule, Violation

_ADDRESSES_READER = regex.compile(r"(?<![\w'’])(?:you|your|yours)(?![\w'’])", regex.IGNORECASE)


class IndirectRequest(Rule):
    """
    ## What it does
    Flags a request phrased as a wish that never asks the reader anything: “It would
    be great if there were any news”, “It would be nice to know if a decision has been
    made”, “I would be grateful if there is any update”, “I hope there will be some
    news soon”. A wish that does ask (“It would be great if you could let me know”)
    is not flagged.

    ## Why it matters
    Phrasing a request as a hope is a polite, face-saving habit in many cultures, and
    in British and South African English it is understood as a request. A US hiring
    manager may read it as a remark, see nothing to answer, and move on. A direct,
    polite question gets the reply.

    ## Example
    ```text
    Dear Ms. Harper,

    It would be great if there were any news on the Chemistry Laboratory Technician position.
    ```
    ```text
    Dear Dr. Sanders,

    It would be great if there were a chance to meet the evening team before any decision.
    ```

    ## Use instead
    ```text
    Dear Ms. Harper,

    Could you let me know whether there is any news on the position? It would be great if you
    could share the timeline.
    ```
    """

    code = "DIR004"
    name = "indirect-request"
    category = "directness"
    severity = Severity.WARNING

    def setup(self, resources: Resources) -> None:
        adjectives = phrase_alternation(resources.lexicon("indirect-wish-adjectives"))
        source = (
            r"(?<![\w'’])(?:"
            rf"(?:it|that|this)\s+would\s+(?:really\s+|truly\s+|just\s+)?be\s+(?:so\s+|very\s+"
            rf"|really\s+|most\s+|truly\s+)?{adjectives}\s+(?:if|to\s+(?:know|hear|learn|find\s+out"
            rf"|see)\s+(?:if|whether))"
            r"|i\s+would\s+(?:really\s+|truly\s+|greatly\s+)?(?:appreciate\s+it|be\s+(?:very\s+|so\s+"
            r"|most\s+)?(?:grateful|thankful|glad|happy|obliged|pleased))\s+if\s+there"
            r"|i\s+(?:am|was|'m|’m)?\s*(?:hope|hoping)\s+(?:that\s+)?there\s+(?:is|are|will\s+be"
            r"|would\s+be|might\s+be|may\s+be|has\s+been|have\s+been)\s+(?:any|some)\s+"
            r"(?:news|update|updates|progress|word))"
        )
        self._source = source

    # Both compiled when a message first needs them: most have no sentence with
    # "would" or "hope" in it, and compiling them costs ~10 ms.

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        return regex.compile(self._source, regex.IGNORECASE | regex.VERSION1)

    @cached_property
    def simple_case_pattern(self) -> regex.Pattern[str]:
        """The same, twice as fast: every wish starts with a letter, so "not after a word
        character" is \\b; and simple case folding (VERSION0) is full case folding on a
        text where no character folds to several."""
        fast = self._source.replace(r"(?<![\w'’])(?:", r"\b(?<!['’])(?:", 1)
        return regex.compile(fast, regex.IGNORECASE)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        text = ctx.message.prose_text
        full_case = folds_to_several(text)
        # Every wish holds "would" or "hope"/"hoping": a sentence whose folded text has
        # neither cannot match, and most sentences are ruled out before the regex.
        lowered = folded_text(ctx, text)
        for sentence in ctx.body_sentences:
            start, end = sentence.start_char, sentence.end_char
            if lowered is not None and (
                lowered.find("would", start, end) == -1 and lowered.find("hop", start, end) == -1
            ):
                continue
            chunk = text[start:end]
            match = (self.pattern if full_case else self.simple_case_pattern).search(chunk)
            if match is None or _ADDRESSES_READER.search(chunk[match.end() :]):
                continue
            yield Violation(
                start + match.start(),
                start + match.end(),
                message="This hopes for something without asking for it. Wishing rather than "
                "asking is polite in many traditions, but a US reader may see nothing to "
                "answer and move on.",
                help="Ask directly and politely: “Could you let me know whether there is any "
                "news?” or “Would it be possible to meet the evening team?”",
            )
