"""EMO001 emoji-use: pictographs, emoticons and shortcodes in the message."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import regex

from tactful._model import FixAvailability, Severity
from tactful.checks._words import prose_and_subject
from tactful.rule import CheckContext, Resources, Rule, Violation, replace

# A cheap scan for anything that could start an emoji; the emoji package's data then
# decides (running emoji.emoji_list over whole texts costs ~50x more).
_CANDIDATE = regex.compile(
    r"[#*0-9]\ufe0f?\u20e3"
    r"|[\p{Extended_Pictographic}\p{Regional_Indicator}]"
    r"[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u200d\ufe0f\u20e3"
    r"\U000e0020-\U000e007f]*"
)
# Emoticons and shortcodes are found without regard to their neighbours, then judged as a
# run of adjacent emoji-like units (":smile::smile:", "😊:)" and "<3<3" are one run), so
# removing one never uncovers another.
_EMOTICON = regex.compile(r"[:;=]-?[)(DPpO3*\]\[]|:'-?\(|<3+|\^_\^|[xX]-?D|:-?\|")
# "word:)" is an emoticon even though a letter comes before it.
_AFTER_WORD = regex.compile(r"[:;]-?[)(]")
# Before a run of emoticons: not a letter, digit or path ("1:3", "10:30", "http://").
_BLOCKS_BEFORE = regex.compile(r"[\p{L}\p{N}_/\\]")
# After it: not a letter or path; a digit only when it is a keycap emoji ("1️⃣").
_BLOCKS_AFTER = regex.compile(r"[\p{L}_/]|\p{N}(?![\ufe0f\u20e3])")
# "<3" is a heart unless a number continues ("<3.5") or a unit follows ("<3 ng/L", "<3 days").
_AFTER_HEART = regex.compile(
    r"[ \t]*(?:[.,]\d|\d(?![\ufe0f\u20e3])|%|(?![#*\d][\ufe0f\u20e3])([^\s,.;:!?)]+))"
)
_SHORTCODE = regex.compile(r":[a-z0-9_+-]{2,40}:")
_PRESENTATION = regex.compile(r"\p{Emoji_Presentation}")

# Cheap tests that a text cannot hold a unit, so most notes skip every scan above (each
# costs several microseconds a note) and the blanking of what is not prose. Blanking
# only writes spaces, and no unit pattern matches a space or looks around, so a unit in
# the blanked text is a unit in the text itself.
#
# Every character a pictograph candidate can start with: [#*0-9] only before U+20E3,
# otherwise a pictograph or regional indicator. Below U+2030 those are few (© and ®),
# read from the regex module's own tables; the stdlib ``re`` scans a class like this one
# several times faster than ``regex`` scans the property classes.
_LOW_PICTOGRAPHS = "".join(
    regex.findall(
        r"[\p{Extended_Pictographic}\p{Regional_Indicator}]",
        "".join(map(chr, range(0x80, 0x2030))),
    )
)


def _below_pictographs() -> str:
    """The characters below U+2030 but those pictographs, as ranges of a character class."""
    ranges: list[str] = []
    low = 0
    for point in [*sorted(map(ord, _LOW_PICTOGRAPHS)), 0x2030]:
        if low < point:
            ranges.append(f"\\u{low:04x}-\\u{point - 1:04x}")
        low = point + 1
    return "".join(ranges)


# One negated class: scanned three times faster than "[©®]|[^\x00-\u202f]" (a branch at
# every place), and compiled in a tenth of the time of the range up to U+10FFFF.
_MAY_START_PICTOGRAPH = re.compile(f"[^{_below_pictographs()}]")
# What follows the first character of an emoticon that starts with ":", ";" or "="
# (see _EMOTICON), and of a shortcode (see _SHORTCODE).
_AFTER_EMOTICON_MARK = frozenset("-)(DPpO3*][|'")
_AFTER_SHORTCODE_COLON = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_+-")
# The other emoticons hold one of these.
_EMOTICON_MARKERS = ("<3", "^_^", "xD", "XD", "x-D", "X-D")


def _may_hold_pictograph(text: str) -> bool:
    return not text.isascii() and _MAY_START_PICTOGRAPH.search(text) is not None


def _may_hold_emoticon(text: str) -> bool:
    """Whether the text holds one of ``_EMOTICON_MARKERS`` or an emoticon mark before what
    follows one. A two-character ``in`` scans the whole text at about 1 ns a character,
    six of them ~5 µs a note; a one-character ``in`` or ``find`` is several times faster,
    so each marker is looked for only where its rarest character is."""
    return (
        ("<" in text and "<3" in text)
        or ("^" in text and "^_^" in text)
        or _x_eyed(text)
        or any(_followed_by(text, mark, _AFTER_EMOTICON_MARK) for mark in ":;=")
    )


def _x_eyed(text: str) -> bool:
    """Whether "xD", "XD", "x-D" or "X-D" occurs in the text."""
    at = text.find("D", 1)
    while at != -1:
        if text[at - 1] in "xX" or text[max(at - 2, 0) : at] in ("x-", "X-"):
            return True
        at = text.find("D", at + 1)
    return False


def _may_hold_shortcode(text: str) -> bool:
    return _followed_by(text, ":", _AFTER_SHORTCODE_COLON)


def _followed_by(text: str, mark: str, followers: frozenset[str]) -> bool:
    """Whether ``mark`` occurs in ``text`` right before one of ``followers``."""
    at = text.find(mark)
    while at != -1:
        if text[at + 1 : at + 2] in followers:
            return True
        at = text.find(mark, at + 1)
    return False


def _is_typographic_symbol(candidate: str) -> bool:
    """©, ®, ™, ‼, arrows and check marks typed as text: not emoji unless U+FE0F asks for one."""
    if len(candidate) != 1 or _PRESENTATION.match(candidate):
        return False
    point = ord(candidate)
    return not (0x2600 <= point <= 0x26FF or candidate in "❤✌✍❣")


@cache
def _shortcode_emoji(code: str) -> bool:
    import emoji as emoji_data  # imported when first needed: importing it costs ~25 ms

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
        subject = ctx.message.header("subject")
        scans = (
            _may_hold_pictograph(ctx.text),
            _may_hold_emoticon(ctx.text),
            _may_hold_shortcode(ctx.text),
        )
        if not any(scans):
            return
        text = prose_and_subject(ctx)
        for start, end, what in self._runs(text, *scans):
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

    def _runs(
        self, text: str, pictographs: bool, emoticons: bool, shortcodes: bool
    ) -> Iterator[tuple[int, int, str]]:
        """Runs of adjacent emoji, emoticons and shortcodes that stand apart from words.

        The flags say which kinds of unit the text may hold; the others are not scanned for.
        """
        units = sorted(
            [
                *(self._pictographs(text) if pictographs else ()),
                *(
                    (m.start(), m.end(), "emoticon")
                    for m in (_overlapping(_EMOTICON, text) if emoticons else ())
                ),
                *(
                    (m.start(), m.end(), "shortcode")
                    for m in (_overlapping(_SHORTCODE, text) if shortcodes else ())
                    if _shortcode_emoji(m.group())
                ),
            ],
            key=lambda u: (u[0], -u[1], u[2] != "emoji"),
        )
        run: list[tuple[int, int, str]] = []
        for unit in units:
            if run and unit[0] < run[-1][1]:
                continue  # inside a longer unit already taken
            if run and unit[0] > run[-1][1]:
                yield from self._judge(text, run)
                run = []
            run.append(unit)
        if run:
            yield from self._judge(text, run)

    def _judge(self, text: str, run: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
        start, end = run[0][0], run[-1][1]
        kinds = {what for _, _, what in run}
        what = kinds.pop() if len(kinds) == 1 else "emoji"
        if what != "emoji":  # text emoticons and shortcodes need to stand apart from words
            before = text[start - 1] if start else " "
            after = text[end : end + 2]
            text_run = text[start:end]
            if _BLOCKS_BEFORE.match(before) and not (
                len(run) == 1 and _AFTER_WORD.fullmatch(text_run) and before.isalpha()
            ):
                return
            if after and _BLOCKS_AFTER.match(after):
                return
            if text_run.startswith("<3") and len(run) == 1 and self._is_quantity(text, end):
                return
        yield start, end, what

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
        import emoji as emoji_data  # imported when first needed: importing it costs ~25 ms

        for match in _CANDIDATE.finditer(text):
            chunk = match.group()
            for found in emoji_data.emoji_list(chunk):
                symbol = found["emoji"]
                if _is_typographic_symbol(symbol):
                    continue
                start = match.start() + found["match_start"]
                yield start, match.start() + found["match_end"], "emoji"


def _overlapping(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    """Every match, including those that overlap (":smile::smile:" has two shortcodes)."""
    yield from pattern.finditer(text, overlapped=True)


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
