"""Offsets <-> LSP positions in every encoding, checked against the standard codecs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tactful.lsp._positions import ENCODINGS, PositionMapper, code_units

CODEC = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}


def reference_position(text: str, offset: int, encoding: str) -> tuple[int, int]:
    """The position by the book: lines end at \\r\\n, \\n or \\r only."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
    line = max(i for i, start in enumerate(starts) if start <= offset)
    codec, unit = CODEC[encoding]
    return line, len(text[starts[line] : offset].encode(codec, "surrogatepass")) // unit


TEXT = "Zoe\u0301 😀 gonna\r\nthe 👩‍🔬 lab\u2028still line two\rend 🧪"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        # "gonna" on line 0 (after e + combining acute and an emoji), "lab" after a ZWJ sequence
        # on line 1, "end" alone on line 2 (U+2028 does not end a line for the protocol).
        ("utf-32", [(0, 7), (0, 12), (1, 8), (1, 11), (2, 0)]),
        ("utf-16", [(0, 8), (0, 13), (1, 10), (1, 13), (2, 0)]),
        ("utf-8", [(0, 11), (0, 16), (1, 16), (1, 19), (2, 0)]),
    ],
)
def test_known_positions(encoding: str, expected: list[tuple[int, int]]) -> None:
    mapper = PositionMapper(TEXT, encoding)  # type: ignore[arg-type]
    offsets = [
        TEXT.index("gonna"),
        TEXT.index("gonna") + 5,
        TEXT.index("lab"),
        TEXT.index("lab") + 3,
        TEXT.index("end"),
    ]
    assert [mapper.position(offset) for offset in offsets] == expected
    assert [mapper.offset(*position) for position in expected] == offsets


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_crlf_is_one_line_break(encoding: str) -> None:
    mapper = PositionMapper("a\r\nb", encoding)  # type: ignore[arg-type]
    assert mapper.position(3) == (1, 0)
    assert mapper.position(2) == (0, 1)  # between \r and \n: still the end of line 0
    assert mapper.offset(0, 99) == 1  # past the end of a line: its end, before the break
    assert mapper.offset(1, 0) == 3
    assert mapper.offset(7, 0) == 4  # past the last line: the end of the text


def test_a_position_inside_a_character_maps_to_its_start() -> None:
    text = "a😀b"
    assert PositionMapper(text, "utf-16").offset(0, 2) == 1  # between the surrogate halves
    assert PositionMapper(text, "utf-8").offset(0, 3) == 1  # inside the 4-byte sequence
    assert PositionMapper(text, "utf-8").offset(0, 5) == 2


def test_lone_surrogates_count_as_one_character() -> None:
    text = "a\ud83dz"
    assert code_units(text, "utf-16") == 3
    assert PositionMapper(text, "utf-16").position(2) == (0, 2)


@given(
    text=st.text(alphabet=st.sampled_from(list("ab é\u0301😀👩‍🔬\r\n\u2028\t"))),
    data=st.data(),
    encoding=st.sampled_from(ENCODINGS),
)
def test_round_trip_agrees_with_the_codecs(text: str, data: st.DataObject, encoding: str) -> None:
    mapper = PositionMapper(text, encoding)  # type: ignore[arg-type]
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
        offset -= 1  # a position cannot point inside a line break
    position = mapper.position(offset)
    assert position == reference_position(text, offset, encoding)
    assert mapper.offset(*position) == offset
