"""The rules' shortcuts (pre-checks, str methods instead of regexes) give what the slow way gives.

Each shortcut is compared with the code it replaced, on every character where the two
could disagree and on generated texts made of the characters that matter.
"""

from __future__ import annotations

import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tactful._text import WORD, blank_except, count_words, unblank
from tactful.checks import emoji_use

#: Characters where whitespace, letters, digits and emoji are easy to get wrong.
TRICKY = list(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u2028\u3000\u200b\u180e")
TRICKY += list("aZ09_-'’.,:;=()<3^xXDPp|*[]#\ufe0f\u20e3\u200d")
TRICKY += ["ª", "²", "½", "Ⅻ", "é", "\u0301", "ß", "中", "٣", "©", "®", "™", "‼", "☺", "😀", "🇺"]


def old_count_words(text: str) -> int:
    return len(WORD.findall(text))


def old_blank_except(text: str, spans: list[tuple[int, int]]) -> str:
    out = regex.sub(r"[^\r\n]+", lambda m: " " * (m.end() - m.start()), text)
    for start, end in spans:
        start, end, _ = slice(start, end).indices(len(text))
        if start < end:
            out = out[:start] + text[start:end] + out[end:]
    return out


def every_character() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_count_words_agrees_with_the_regex_on_every_character() -> None:
    # Characters between spaces, letters and dashes, a few hundred to a text (one text
    # per character would take seconds).
    chars = every_character()
    for at in range(0, len(chars), 256):
        chunk = chars[at : at + 256]
        for separator in (" ", "a", " -"):
            text = separator.join(chunk)
            assert count_words(text) == old_count_words(text), hex(ord(chunk[0]))


@given(st.lists(st.sampled_from(TRICKY), max_size=40).map("".join))
def test_count_words_agrees_with_the_regex(text: str) -> None:
    assert count_words(text) == old_count_words(text)


@given(
    st.lists(st.sampled_from(TRICKY), max_size=30).map("".join),
    st.lists(st.tuples(st.integers(-5, 35), st.integers(-5, 35)), max_size=3),
)
def test_blank_except_agrees_with_the_regex_substitution(
    text: str, spans: list[tuple[int, int]]
) -> None:
    assert blank_except(text, spans) == old_blank_except(text, spans)


@given(
    st.lists(st.sampled_from(TRICKY), max_size=30).map("".join),
    st.lists(st.tuples(st.integers(-5, 35), st.integers(-5, 35)), max_size=3),
    st.lists(st.tuples(st.integers(-5, 35), st.integers(-5, 35)), max_size=3),
)
def test_unblanking_more_spans_is_blanking_all_of_them_at_once(
    text: str, first: list[tuple[int, int]], then: list[tuple[int, int]]
) -> None:
    # ParsedMessage.visible_text shows its Subject and signature in the blanked prose_text.
    assert unblank(blank_except(text, first), text, then) == old_blank_except(text, first + then)


def test_pictograph_pre_check_knows_every_pictograph_start() -> None:
    text = every_character()
    starts = regex.findall(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]", text)
    assert starts
    assert all(emoji_use._may_hold_pictograph(char) for char in starts)
    assert not emoji_use._may_hold_pictograph("Thanks — it’s “great”, café…")


def test_pictograph_pre_check_is_the_low_pictographs_and_all_from_u2030() -> None:
    for char in every_character():
        expected = char in emoji_use._LOW_PICTOGRAPHS or ord(char) >= 0x2030
        assert bool(emoji_use._MAY_START_PICTOGRAPH.match(char)) == expected, hex(ord(char))


@settings(max_examples=300)
@given(st.lists(st.sampled_from([*TRICKY, "smile", "<3", ":)", ":sm", "ile:"]), max_size=25))
def test_pre_checks_pass_every_text_with_a_unit(pieces: list[str]) -> None:
    text = "".join(pieces)
    if emoji_use._CANDIDATE.search(text):
        assert emoji_use._may_hold_pictograph(text)
    if emoji_use._EMOTICON.search(text):
        assert emoji_use._may_hold_emoticon(text)
    if emoji_use._SHORTCODE.search(text):
        assert emoji_use._may_hold_shortcode(text)


def old_may_hold_emoticon(text: str) -> bool:
    return any(marker in text for marker in emoji_use._EMOTICON_MARKERS) or any(
        emoji_use._followed_by(text, mark, emoji_use._AFTER_EMOTICON_MARK) for mark in ":;="
    )


@settings(max_examples=500)
@given(st.lists(st.sampled_from([*TRICKY, "-D", "x-", "<3", "^_", "_^"]), max_size=25).map("".join))
def test_emoticon_pre_check_agrees_with_a_search_for_each_marker(text: str) -> None:
    assert emoji_use._may_hold_emoticon(text) == old_may_hold_emoticon(text)


@pytest.mark.parametrize("text", ["D", "xD", "D xD", "-D", "x-D", "X-D", "X -D", "DD", "<", "<3"])
def test_emoticon_pre_check_on_the_edges_of_the_text(text: str) -> None:
    assert emoji_use._may_hold_emoticon(text) == old_may_hold_emoticon(text)


@pytest.mark.parametrize(
    "text", [":)", ";-P", "=]", ":'(", ":|", ":-|", "<3", "^_^", "xD", "X-D", ":smile:"]
)
def test_pre_checks_pass_each_kind_of_emoticon(text: str) -> None:
    assert emoji_use._may_hold_emoticon(text) or emoji_use._may_hold_shortcode(text)


@pytest.mark.parametrize(
    "text",
    [
        "Subject: Thanks!! :)\n\nDear Dr. Patel,\n\nThank you!!\n\nBest,\nSam\n(317) 555-0150",
        "Dear Dr. Patel,\n\nThank you :) for the tour.\n\n> On Monday you wrote:\n> hi!!",
    ],
)
def test_prose_and_subject_is_the_text_blanked_but_for_them(text: str) -> None:
    from tests.conftest import check_context

    from tactful.checks._words import prose_and_subject

    ctx = check_context(text)
    assert ctx is not None
    scope = list(ctx.message.prose)
    subject = ctx.message.header("subject")
    if subject is not None:
        scope.append((subject.start, subject.end))
    assert prose_and_subject(ctx) == blank_except(ctx.text, scope)
    assert prose_and_subject(ctx) is prose_and_subject(ctx)
