"""A NameBook remembers parsed greeting lines; what it gives back is what a parse gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tactful import Config
from tactful._engine import RuleSet
from tactful._names import NameBook, name_book

PIECES = ["Dear", "Hi", " ", ",", ":", "!", "Dr.", "Ms", "Patel", "Ana", "and", "&", "García", "\n"]


def book() -> NameBook:
    return name_book(RuleSet.for_config(Config(plugins=False)).resources)


@settings(max_examples=200)
@given(
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    st.text(alphabet="ab \n", max_size=5),
)
def test_a_remembered_greeting_is_the_parse_of_its_line(line: str, before: str) -> None:
    names = book()
    text = before + line + "\n\nThank you."
    start, end = len(before), len(before) + len(line)
    first = names.parse_greeting(text, start, end)
    assert first == names._parse_greeting(line, start, end)
    assert names.parse_greeting(text, start, end) is first  # remembered
    # The same line elsewhere is its own parse, with its own offsets.
    moved = names.parse_greeting("x" + text, start + 1, end + 1)
    assert moved == names._parse_greeting(line, start + 1, end + 1)


def test_the_memory_is_bounded() -> None:
    from tactful._names import _GREETINGS_KEPT

    names = NameBook([], [], ["dear"], [], [], [], [])
    for start in range(3 * _GREETINGS_KEPT):
        assert names.parse_greeting(" " * start + "Dear Sam,", start, start + 9).start == start
    assert 0 < len(names._greetings) <= _GREETINGS_KEPT
