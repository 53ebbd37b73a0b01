"""EMO001 emoji-use: pictographs, emoticons and shortcodes in the message."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import emoji as emoji_data
import regex

from tactful._model import FixAvailability, Severity
from tactful.checks._shared import blank_except
from tactful.rule import CheckContext, Resources, Rule, Violation, replace

# A cheap scan for anything that could start an emoji; the emoji package's data then
# decides (running emoji.emoji_list over whole texts costs ~50x more).
_CANDIDATE = regex.compile(
    r"[#*0-9]\ufe0f?\u20e3"
    r"|[\p{Extended_Pictographic}\p{Regional_Indicator}]"
    r"[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u200d\ufe0f\u20e3"
    r"\U000e0020-\U000e007f]*"
)
_EMOTICON = regex.compile(
    # Letters and digits before an emoticon make it part of a word or a ratio ("1:3"); an
    # emoji's combining keycap or selector before it does not ("1️⃣<3").
    r"(?<![\p{L}\p{N}_/:\\])(?:[:;=]-?[)(DPpO3*\]\[]|:'-?\(|<3+|\^_\^|\bx-?D\b|\bX-?D\b|:-?\|)"
    r"(?![\p{L}_/]|\p{N}(?![\ufe0f\u20e3]))"
    r"|(?<=\w)[:;]-?[)(](?!\w)"
)
# "<3" is a heart unless a number continues ("<3.5") or a unit follows ("<3 ng/L", "<3 days").
_AFTER_HEART = regex.compile(r"[ \t]*(?:[.,]\d|[\d%]|([^\s,.;:!?)]+))")
_SHORTCODE = regex.compile(r"(?<![\w:]):[a-z0-9_+-]{2,40}:(?![\w:])")
_PRESENTATION = regex.compile(r"\p{Emoji_Presentation}")


def _is_typographic_symbol(candidate: str) -> bool:
    """©, ®, ™, ‼, arrows and check marks typed as text: not emoji unless U+FE0F asks for one."""
    if len(candidate) != 1 or _PRESENTATION.match(candidate):
        return False
    point = ord(candidate)
    return not (0x2600 <= point <= 0x26FF or candidate in "❤✌✍❣")


@cache
def _shortcode_emoji(code: str) -> bool:
    return emoji_data.emojize(code, language="alias") != code


class EmojiUse(Rule):
    """
    ## What it does
    Flags emoji (including skin tones, flags, keycaps and joined sequences such as 👩‍🔬),
    text emoticons such as `:)`, `;)`, `:P`, `<3` and `xD`, and shortcodes such as `:smile:`,
    in the message and its Subject line. Typographic symbols (©, ®, ™, ✓,
    arrows) are not emoji unless written with the emoji presentation selector, and “<3”
    before a number or unit (“<3 ng/L”) is a comparison, not a heart.

    ## Why it matters
    In three experiments with 549 people in 29 countries, smileys in a first work email
    lowered how competent the writer seemed and did not make them seem warmer (Glikson et
    al., 2017). A hiring manager in a clinical lab reads a follow-up as a sample of how you
    will write to colleagues and physicians.

    ## Example
    ```text
    Dear Dr. Patel,

    Thank you so much for the tour of the core lab 😊 I enjoyed meeting the team.
    ```
    ```text
    Dear Ms. Nguyen,

    I enjoyed hearing about your new Sysmex line :) Thank you again for your time.
    ```

    ## Use instead
    ```text
    Dear Dr. Patel,

    Thank you for the tour of the core lab. I enjoyed meeting the team.
    ```
    ```text
    Dear Ms. Nguyen,

    I completed training on the Cobas 6000 (© Roche) and the ratio was 1:3 at 10:30.
    ```
    ```text
    Subject: Thank you - Chemistry Technologist interview

    Dear Dr. Patel,

    Your point about reporting troponin <3 ng/L as “less than 3” stayed with me.
    ```

    ## Fix safety
    Removing an emoji and the space it leaves is safe: it never changes the words.
    """

    code = "EMO001"
    name = "emoji-use"
    category = "emoji"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    # Also the Subject line, the first thing the reader sees. Other headers, the signature
    # and quoted text are not the writer's prose and are left alone.
    prose_only = False

    def setup(self, resources: Resources) -> None:
        self._units = frozenset(resources.lexicon("units"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        scope = list(ctx.message.prose)
        subject = ctx.message.header("subject")
        if subject is not None:
            scope.append((subject.start, subject.end))
        text = blank_except(ctx.text, scope)
        spans = list(self._pictographs(text))
        spans += [
            (m.start(), m.end(), "emoticon")
            for m in _EMOTICON.finditer(text)
            if not (m.group().startswith("<3") and self._is_quantity(text, m.end()))
        ]
        spans += [
            (m.start(), m.end(), "shortcode")
            for m in _SHORTCODE.finditer(text)
            if _shortcode_emoji(m.group())
        ]
        for start, end, what in _merge_adjacent(sorted(spans)):
            shown = ctx.text[start:end]
            where = "subject line" if subject and subject.start <= start < subject.end else None
            yield Violation(
                start,
                end,
                message=f"The {what} “{shown}”"
                + (f" in the {where}" if where else "")
                + " can make a professional note read as casual; hiring managers take emoji "
                "as less competent, not warmer.",
                help="Remove it and let your words carry the warmth.",
                fixes=(
                    replace(*_with_space(ctx.text, start, end), "", title=f"Remove the {what}"),
                ),
            )

    def _is_quantity(self, text: str, end: int) -> bool:
        """Whether "<3" at ``end`` is a comparison: "<3.5", "<3%", "<3 ng/L", "<3 days"."""
        after = _AFTER_HEART.match(text, end)
        if after is None:
            return False
        word = after.group(1)
        if word is None:
            return True
        return word in self._units or word.split("/")[0] in self._units

    def _pictographs(self, text: str) -> Iterator[tuple[int, int, str]]:
        for match in _CANDIDATE.finditer(text):
            chunk = match.group()
            for found in emoji_data.emoji_list(chunk):
                symbol = found["emoji"]
                if _is_typographic_symbol(symbol):
                    continue
                start = match.start() + found["match_start"]
                yield start, match.start() + found["match_end"], "emoji"


def _merge_adjacent(spans: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """Consecutive emoji ("🙏🙏🙏") make one finding."""
    current: tuple[int, int, str] | None = None
    for start, end, what in spans:
        if current and start < current[1]:
            continue
        if current and start == current[1] and what == current[2]:
            current = (current[0], end, what)
            continue
        if current:
            yield current
        current = (start, end, what)
    if current:
        yield current


def _with_space(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a removal to one neighbouring space so no double or dangling space is left."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if before in " \t" and (after in " \t\r\n" or after in ".,!?;:)"):
        return start - 1, end
    if after in " \t" and before in "\r\n(":
        return start, end + 1
    if after in " \t" and before not in " \t":
        return start, end
    return start, end
