"""The parser's and the engine's shortcuts agree with the work they skip.

Each shortcut rules something out from a cheap test (a character the text lacks, a word
no cue group holds, an ASCII text counted from its bytes); these properties check that
the cheap test is a necessary condition, or that the two ways give the same result.
"""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from tactful import _message
from tactful._engine import _grouped_by_word
from tactful._message import parse_text
from tactful._text import WORD, LineIndex, blank_except, count_words, replace_lone_surrogates

# Pieces of the lines the quote patterns look for, and of lines that come close.
QUOTE_PIECES = ["On", "on ", "Le ", "Am ", "Mon, Nov 16, Ana", " wrote", "wrote:", "a écrit", " :"]
QUOTE_PIECES += ["schrieb", ">", " > ", "-", "--", "-----", "Original Message", "Forwarded message"]
QUOTE_PIECES += ["_" * 5, "From:", "*From:*", "Sent:", "Date:", " ", "\t", "x", "."]
quote_lines = st.lists(st.sampled_from(QUOTE_PIECES), max_size=8).map("".join)

LINE_PIECES = ["Dear Dr. Patel,", "Hi Ana, thanks", "Thank you for the interview.", "Best regards,"]
LINE_PIECES += ["Ana Reyes", "-- ", "--", "> quoted", "On Mon, Ana wrote:", "Subject: Hi", "  ", ""]
drafts = st.lists(st.sampled_from(LINE_PIECES), min_size=1, max_size=10).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda brk: brk.join(lines))
)


def matches_a_quote_pattern(line: str) -> bool:
    """Whether a line can open a quoted block (the "On ..." start needs "wrote:" after)."""
    patterns = (
        _message._ORIGINAL_MESSAGE,
        _message._OUTLOOK_FROM,
        _message._ATTRIBUTION,
        _message._ATTRIBUTION_END,
        _message._QUOTE_LINE,
    )
    return any(pattern.match(line) for pattern in patterns)


@given(quote_lines)
def test_a_line_that_can_be_quoted_holds_a_quote_mark(line: str) -> None:
    if matches_a_quote_pattern(line):
        assert any(mark in line for mark in _message._QUOTE_MARKS)


@given(drafts)
def test_line_starts_from_the_parser_are_the_line_index_s(text: str) -> None:
    if not text.strip():
        return
    parsed = parse_text(text, ["Best regards"])
    assert list(parsed._line_starts) == LineIndex(text).line_starts


@given(drafts)
def test_the_signature_delimiter_is_found_as_by_every_line(text: str) -> None:
    lines = _message.split_lines(text)
    expected = next((s for s, e in lines if _message._SIGNATURE_DELIMITER.match(text[s:e])), None)
    assert _message._signature_delimiter(text, lines) == expected


@given(
    st.lists(st.sampled_from(["status", "of", "the", "any", "update", "updates", ""]), max_size=4)
)
def test_every_cue_is_in_one_group_and_holds_its_word(words: list[str]) -> None:
    phrases = sorted({" ".join(words[:n]) for n in range(len(words) + 1)})
    groups = _grouped_by_word(phrases)
    grouped = [phrase for _, members in groups for phrase in members]
    assert sorted(grouped) == phrases
    assert all(word in phrase for word, members in groups for phrase in members)


@given(
    st.text(alphabet="ab \n\r\t", max_size=30),
    st.lists(st.tuples(st.integers(-35, 35), st.integers(-35, 35)), max_size=4),
)
def test_blanking_shows_each_character_any_span_covers(
    text: str, spans: list[tuple[int, int]]
) -> None:
    shown = set()
    for start, end in spans:
        shown.update(range(*slice(start, end).indices(len(text))))
    expected = "".join(c if i in shown or c in "\r\n" else " " for i, c in enumerate(text))
    assert blank_except(text, spans) == expected


@given(st.text(alphabet=st.sampled_from(["a", "é", "\n", "\ud800", "\udfff", "😀"]), max_size=8))
def test_surrogates_are_replaced_as_the_regex_finds_them(text: str) -> None:
    expected = regex.sub(r"[\ud800-\udfff]", "\ufffd", text)
    assert replace_lone_surrogates(text) == expected


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_an_ascii_text_is_counted_as_the_regex_counts_it(text: str) -> None:
    assert count_words(text) == len(WORD.findall(text))
