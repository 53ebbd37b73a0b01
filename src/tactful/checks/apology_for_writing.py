"""DIR002 apology-for-writing: apologizing for the email itself ("Sorry to bother you")."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from tactful._model import Applicability, Fix, FixAvailability, Severity
from tactful.checks._shared import PhraseKeys, PhraseWords, may_hold, phrase_pattern
from tactful.rule import CheckContext, Resources, Rule, Violation, replace

#: Words between the apology and what it apologizes for ("Sorry to *disturb* you").
_REACH = 8
_WINDOW = regex.compile(rf"(?:\W*[\w'’-]+){{0,{_REACH}}}")
_SECOND_CLAUSE = regex.compile(
    r"\b(?:but|however|and\s+(?:I|we)|so\s+(?:I|we))\b|[,;:]\s*(?:I|we)\b", regex.IGNORECASE
)


class ApologyForWriting(Rule):
    """
    ## What it does
    Flags an apology for writing at all: “Sorry to bother you”, “I apologize for
    disturbing your busy schedule”, “Forgive me for writing again”, “I hope I am not
    disturbing you”. Apologies for a real lapse (“I apologize for the delay in
    sending my references”) are not flagged.

    ## Why it matters
    Opening with an apology for the intrusion is gracious in many cultures. A US
    hiring manager expects a follow-up and does not see it as an imposition; the
    apology makes you sound unsure you should be writing, and it pushes your purpose
    further down the page.

    ## Example
    ```text
    Dear Dr. Blake,

    Sorry to bother you during a busy week. I am writing to ask whether there is any update.
    ```
    ```text
    Dear Dr. Whitaker,

    I apologize for disturbing your busy schedule with another email. Thank you for the interview.
    ```

    ## Use instead
    ```text
    Dear Dr. Blake,

    I am writing to ask whether there is any update. I apologize for the delay in sending my
    references; they are attached. I was sorry to miss Dr. Liu.
    ```

    ## Fix safety
    When the apology is a sentence of its own, the fix removes that sentence; it is
    unsafe because you may want to keep some of its warmth (“I know this is a busy week”).
    """

    code = "DIR002"
    name = "apology-for-writing"
    category = "directness"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES

    def setup(self, resources: Resources) -> None:
        self.heads = phrase_pattern(resources.lexicon("apology-heads"))
        self.head_keys = PhraseKeys(resources.lexicon("apology-heads"))
        self.impositions = phrase_pattern(resources.lexicon("apology-impositions"))
        self.head_words = PhraseWords(resources.lexicon("apology-heads"))
        self.imposition_words = PhraseWords(resources.lexicon("apology-impositions"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        text = ctx.message.prose_text
        # An apology holds the words of a head and of an imposition; most notes do not.
        if not (
            self.head_words.may_match(ctx, text) and self.imposition_words.may_match(ctx, text)
        ):
            return
        keys = self.head_keys.starts(ctx, text)  # most sentences cannot hold an apology
        for sentence in ctx.body_sentences:
            start = sentence.start_char
            if not may_hold(keys, start, sentence.end_char):
                continue
            chunk = text[start : sentence.end_char]
            for head in self.heads.finditer(chunk):
                reach = _WINDOW.match(chunk[head.end() :])
                window = chunk[head.end() : head.end() + (reach.end() if reach else 0)]
                imposition = self.impositions.search(window)
                if imposition is None:
                    continue
                span_start = start + head.start()
                span_end = start + head.end() + imposition.end()
                yield Violation(
                    span_start,
                    span_end,
                    message="Apologizing for writing is gracious in many cultures, but a US hiring "
                    "manager expects your follow-up; the apology makes you sound unsure and "
                    "delays your point.",
                    help="Leave the apology out and open with your purpose or your thanks.",
                    fixes=self._fix(ctx, sentence.start_char, sentence.end_char, head.start()),
                )
                break

    def _fix(self, ctx: CheckContext, start: int, end: int, head_offset: int) -> tuple[Fix, ...]:
        sentence = ctx.text[start:end]
        if head_offset > 3 or _SECOND_CLAUSE.search(sentence):
            return ()  # the apology shares its sentence with something worth keeping
        while end < len(ctx.text) and ctx.text[end] in " \t":
            end += 1
        return (
            replace(start, end, "", title="Remove the apology", applicability=Applicability.UNSAFE),
        )
