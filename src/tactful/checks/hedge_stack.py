"""DIR001 hedge-stack: several hedges softening one sentence ("I was just wondering if maybe")."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from tactful._model import Severity
from tactful.checks._shared import PhraseKeys, PhraseWords, folded, may_hold, normal, phrase_pattern
from tactful.rule import CheckContext, Resources, Rule, Violation

#: Hedges in one sentence from which it reads as unsure rather than polite.
STACK = 2
_SORT_KIND = regex.compile(r"(?<![\w'’])(?:sort|kind)\s+of(?![\w'’])", regex.IGNORECASE)
_WORDS = regex.compile(r"[\w'’]+")
_JUST_BEFORE = regex.compile(r"(?<![\w'’])just\s+$", regex.IGNORECASE)


class HedgeStack(Rule):
    """
    ## What it does
    Flags a sentence that stacks two or more hedges: “I was just wondering if maybe
    ...”, “I think perhaps ...”, “I feel maybe my answer was a little bit unclear”,
    “I wonder whether it might perhaps be possible, if it isn't too much trouble”.
    “Sort of” and “kind of” count only as hedges after a subject or verb (“I sort of
    rushed”), never as nouns (“what kind of analyzer”). “Please” and “kindly” are
    politeness, not hedges, and are not counted; “just” is left to `minimizing-just`.

    ## Why it matters
    One softener is courteous. Several in a row make a request or a claim sound
    unsure, and a busy hiring manager has to dig for what you want or can do. Writing
    guides list “I think”, “maybe” and “just” among the words that make a writer
    sound less confident, and politeness research finds that hedges weaken a message.
    Indirect phrasing is the polite norm in many cultures (and in British English);
    a US reader tends to take it at face value, as doubt.

    ## Example
    ```text
    Dear Mr. Walsh,

    I think perhaps I was a little nervous when you asked about pediatric patients.
    ```
    ```text
    Dear Mr. Price,

    I was just wondering if maybe there's been any movement on the Phlebotomist role.
    ```

    ## Use instead
    ```text
    Dear Mr. Walsh,

    I would like to add to my answer about pediatric patients. Could I shadow one of
    your morning shifts? I think the new vein finder will help. What kind of analyzer
    do you use? Please let me know.
    ```
    """

    code = "DIR001"
    name = "hedge-stack"
    category = "directness"
    severity = Severity.WARNING

    def setup(self, resources: Resources) -> None:
        self.hedges = phrase_pattern(resources.lexicon("hedges"))
        self.hedge_keys = PhraseKeys(resources.lexicon("hedges"))
        self.sort_kind_keys = PhraseKeys(["sort of", "kind of"])
        self.hedge_words = PhraseWords(resources.lexicon("hedges"))
        self.sort_kind_before = folded(resources.lexicon("hedge-sort-kind-before"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        text = ctx.message.prose_text
        # Most notes hold all the words of no hedge; in the others, most sentences hold no
        # hedge: a substring test of the folded text says which cannot, before the regex.
        keys = self.hedge_keys.starts(ctx, text) if self.hedge_words.may_match(ctx, text) else []
        # "sort of" and "kind of" likewise hold "sort" or "kind".
        sort_kind_keys = self.sort_kind_keys.starts(ctx, text)
        for sentence in ctx.body_sentences:
            start, end = sentence.start_char, sentence.end_char
            has_hedge = may_hold(keys, start, end)
            has_sort_kind = may_hold(sort_kind_keys, start, end)
            if not (has_hedge or has_sort_kind):
                continue
            chunk = text[start:end]
            found = [(m.start(), m.end()) for m in self.hedges.finditer(chunk)] if has_hedge else []
            for match in _SORT_KIND.finditer(chunk) if has_sort_kind else ():
                before = _WORDS.findall(chunk[: match.start()])
                if before and normal(before[-1]) in self.sort_kind_before:
                    found.append((match.start(), match.end()))
            found = _without_overlaps(sorted(found))
            if len(found) < STACK:
                continue
            # The span is the closest pair of hedges, widened to a "just" right before it
            # so that minimizing-just on the same words is not charged a second time.
            pair = min(range(len(found) - 1), key=lambda k: found[k + 1][0] - found[k][1])
            first, last = start + found[pair][0], start + found[pair + 1][1]
            just = _JUST_BEFORE.search(text[start:first])
            if just is not None:
                first = start + just.start()
            words = ", ".join(f"“{ctx.text[start + s : start + e]}”" for s, e in found)
            yield Violation(
                first,
                last,
                message=f"This sentence stacks {len(found)} hedges ({words}). Indirectness is "
                "polite in many traditions, but a US hiring manager may read it as doubt and "
                "has to look for your point.",
                help="Keep at most one softener and state the point plainly: “Could I shadow a "
                "morning shift?” or “I would like to add to my answer about ...”.",
            )


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept
