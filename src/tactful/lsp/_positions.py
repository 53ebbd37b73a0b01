"""Code-point offsets <-> LSP positions, in the encoding negotiated with the client.

Written here rather than taken from pygls because the protocol counts lines differently
from ``str.splitlines`` (only ``\\r\\n``, ``\\n`` and ``\\r`` end a line; U+2028, form feed
and friends do not), and because a position the client gives may fall inside a character
(between the halves of a UTF-16 surrogate pair, or inside a UTF-8 sequence) or past the end
of its line; both must map to a valid offset without raising.
"""

from __future__ import annotations

from typing import Literal

from tactful._text import LineIndex

Encoding = Literal["utf-8", "utf-16", "utf-32"]
ENCODINGS: tuple[Encoding, ...] = ("utf-8", "utf-16", "utf-32")


def code_units(text: str, encoding: Encoding) -> int:
    """How many code units ``text`` takes in ``encoding`` (lone surrogates count as one char)."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


def _char_units(char: str, encoding: Encoding) -> int:
    point = ord(char)
    if encoding == "utf-32":
        return 1
    if encoding == "utf-16":
        return 2 if point > 0xFFFF else 1
    if point < 0x80:
        return 1
    if point < 0x800:
        return 2
    if point < 0x10000:
        return 3
    return 4


class PositionMapper:
    """Converts between offsets into one text and ``(line, character)`` in one encoding."""

    def __init__(self, text: str, encoding: Encoding) -> None:
        self.text = text
        self.encoding = encoding
        self._lines = LineIndex(text)

    @property
    def line_count(self) -> int:
        return len(self._lines.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based line and character of a code-point offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line, _ = self._lines.line_col(offset)
        line_start, line_end = self._lines.line_bounds(line)
        # An offset inside a line break (between \r and \n) is the end of its line.
        return line - 1, code_units(self.text[line_start : min(offset, line_end)], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of a client position.

        A line past the end maps to the end of the text; a character past the end of its
        line maps to the end of the line (as the protocol says); a character inside a
        multi-unit character maps to the start of that character.
        """
        if line < 0:
            return 0
        if line >= self.line_count:
            return len(self.text)
        start, end = self._lines.line_bounds(line + 1)
        if character <= 0:
            return start
        if self.encoding == "utf-32":
            return min(start + character, end)
        units = 0
        for index in range(start, end):
            units += _char_units(self.text[index], self.encoding)
            if units == character:
                return index + 1
            if units > character:
                return index
        return end

    def line_end(self, line: int) -> int:
        """Offset of the end of 0-based ``line``, before its line break."""
        return self._lines.line_bounds(line + 1)[1]
