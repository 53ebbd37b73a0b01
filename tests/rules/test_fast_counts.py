"""The word count with its ASCII fast path agrees with the count it replaced and the regex."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from tactful._text import WORD, count_words

PIECES = ["a", "Z", "9", "é", "ß", "中", "٣", "½", "Ⅻ", "\u0301", "\u200b", "\ufe0f", "😀"]
PIECES += ["-", "—", "–", "/", "&", ":)", "'", "’", "‘", "`", "…", ".", "_", "(", "#", "©"]
SPACES = [" ", "\n", "\t", "\r", "\u00a0", "\u2003", "\x85", "\u2028", "\u3000"]
# str.split() takes these for spaces and the regex does not.
SPLIT_ONLY_SPACES = ["\x1c", "\x1d", "\x1e", "\x1f"]
ASCII_NOT_LETTER_OR_DIGIT = "".join(chr(c) for c in range(128) if not chr(c).isalnum())
LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")


def previous_count_words(text: str) -> int:
    """count_words as it was before runs starting with an ASCII letter or digit were
    counted without stripping them."""
    if any(space in text for space in SPLIT_ONLY_SPACES):
        return len(WORD.findall(text))
    words = 0
    for run in text.split():
        core = run.strip(ASCII_NOT_LETTER_OR_DIGIT)
        if core and (core[0].isascii() or LETTER_OR_DIGIT.search(core)):
            words += 1
    return words


texts = st.lists(st.sampled_from(PIECES + SPACES), max_size=40).map("".join)
with_odd_spaces = st.lists(st.sampled_from(PIECES + SPACES + SPLIT_ONLY_SPACES), max_size=40)


@given(texts)
def test_count_is_the_previous_count(text: str) -> None:
    assert count_words(text) == previous_count_words(text) == len(WORD.findall(text))


@given(with_odd_spaces.map("".join))
def test_count_is_the_regex_count_with_any_spaces(text: str) -> None:
    assert count_words(text) == previous_count_words(text) == len(WORD.findall(text))


@given(st.text(max_size=60))
def test_count_is_the_previous_count_on_any_text(text: str) -> None:
    assert count_words(text) == previous_count_words(text) == len(WORD.findall(text))
