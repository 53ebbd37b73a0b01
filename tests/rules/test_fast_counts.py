"""The faster per-sentence word count agrees with ``count_words``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tactful._text import count_words
from tactful.checks import _words

PIECES = ["a", "Z", "9", "é", "ß", "-", "—", "&", ":)", "'", "’", "…", ".", "_", "😀", "\u0301"]
# Not the separators str.split takes and count_words does not: the plain count is only
# used on texts without them.
SPACES = [" ", "\n", "\t", "\r", "\u00a0", "\u2003", "\x85", "\u2028"]


@given(st.lists(st.sampled_from(PIECES + SPACES), max_size=40), st.data())
def test_plain_count_is_count_words(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _words._words_in_plain(text, start, end) == count_words(text[start:end])
