"""EAG005 stacked-intensifier: "so so excited", "very, very grateful"."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

import regex

from tactful._model import FixAvailability, Severity
from tactful.checks._phrase_trie import trie_source
from tactful.checks._shared import folded_text
from tactful.checks._words import normalise
from tactful.packs._scan import folded_text as scan_folded_text
from tactful.rule import CheckContext, Resources, Rule, Violation, replace


class StackedIntensifier(Rule):
    """
    ## What it does
    Flags an intensifier written twice or more in a row: “so so excited”, “very, very
    grateful”, “really really enjoyed”. The fix keeps one.

    ## Why it matters
    Doubling an intensifier is how we talk when excited, and on the page it reads as
    gushing. A hiring manager expects enthusiasm stated once and backed by something
    specific.

    ## Example
    ```text
    Dear Dr. Whitley,

    I am so so excited about the Medical Laboratory Technician position.
    ```
    ```text
    Dear Dr. Whitley,

    I am very, very grateful for the tour of the blood bank.
    ```

    ## Use instead
    ```text
    Dear Dr. Whitley,

    I am very excited about the Medical Laboratory Technician position; the so-so results
    from the old analyzer explain the change, so so far the plan makes sense.
    ```

    ## Fix safety
    Keeping a single intensifier leaves the meaning; safe.
    """

    code = "EAG005"
    name = "stacked-intensifier"
    category = "eagerness"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS

    def setup(self, resources: Resources) -> None:
        words = sorted({normalise(w) for w in resources.lexicon("intensifiers")}, key=len)
        # For the pre-check: lowercase ASCII words fold as the regex compares them.
        self._folded_words = (
            tuple(words) if all(w.isascii() and w == w.lower() and w for w in words) else None
        )
        longest_first = list(reversed(words))
        escaped = [regex.escape(w) for w in longest_first]
        # As a trie when the words allow it: faster, and the same words in the same order.
        trie = trie_source(longest_first, escaped, {}, "", ignore_case=True)
        alternation = trie if trie is not None else "|".join(escaped)
        # Before a letter, "not after a word character" is \b, which is faster to check.
        starts_with_letter = bool(words) and all(w[:1].isascii() and w[:1].isalpha() for w in words)
        before = r"\b(?<!-)" if starts_with_letter else r"(?<![\w-])"
        # "so so far" and "so, so that" are grammar, not emphasis: the run must not be
        # followed by "far", "that" or "as" when the word is "so".
        self._source = (
            rf"{before}({alternation})(?:[ \t]*,?[ \t]+\1)+(?![\w-])"
            r"(?!(?<=\bso)\s+(?:far|that|as|on|forth)\b)"
        )

    @cached_property
    def _pattern(self) -> regex.Pattern[str]:
        """Compiled when a message first passes the pre-check: most never do."""
        return regex.compile(self._source, regex.IGNORECASE)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        if not self._may_repeat(ctx):
            return  # most notes never repeat an intensifier
        for match in self._pattern.finditer(ctx.message.prose_text):
            shown = match.group()
            if ctx.is_allowed(shown):
                continue
            single = match.group(1)
            yield Violation(
                match.start(),
                match.end(),
                message=f"“{shown}” stacks the same intensifier; it reads as gushing.",
                help=f"Keep one “{single}”, or none, and let a specific detail show your "
                "enthusiasm.",
                fixes=(replace(match.start(), match.end(), single, title=f"Keep one “{single}”"),),
            )

    def _may_repeat(self, ctx: CheckContext) -> bool:
        """Whether the folded text has an intensifier, then spaces, tabs or commas, then the
        same word: every match does, since the regex compares case-insensitively.

        Only intensifiers that are words of the text are looked for: a match's first word
        has no word character before it and a space, tab or comma after it, so it is a
        whole run of ASCII letters in ``FoldedText.words`` (made once for every rule that
        reads them). Most notes hold one or two of the intensifiers, not fifteen.
        """
        text = ctx.message.prose_text
        lowered = folded_text(ctx, text)
        if lowered is None or self._folded_words is None:
            return True
        words = scan_folded_text(text).words
        for word in self._folded_words:
            if word not in words:
                continue
            at = lowered.find(word)
            while at != -1:
                after = at + len(word)
                gap = after
                while gap < len(lowered) and lowered[gap] in " \t,":
                    gap += 1
                if gap > after and lowered.startswith(word, gap):
                    return True
                at = lowered.find(word, at + 1)
        return False
