"""Text helpers shared by the parser, the engine and the output formats.

Offsets everywhere are Python code points into ``Report.text``. Lines break at
``\\r\\n``, ``\\n`` and ``\\r`` only, which is how the Language Server Protocol counts them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate

import regex

from tactful._lazy import cached_attribute

_LONE_SURROGATE = regex.compile(r"[\ud800-\udfff]")
# A word as people and word processors count them: a run of non-space characters with a
# letter or digit in it ("I'm", "batch-process", "mg/dL" and "9:30" are one word each).
WORD = regex.compile(r"[^\s]*[\p{L}\p{N}][^\s]*")
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")
_ASCII_NOT_LETTER_OR_DIGIT = "".join(chr(c) for c in range(128) if not chr(c).isalnum())
_ASCII_LETTERS_AND_DIGITS = frozenset(chr(c) for c in range(128) if chr(c).isalnum())
# For an ASCII text as bytes: what the regex's \s matches becomes b" " and letters and
# digits b"a" (the table); everything else, \x1c-\x1f included, is deleted.
_REGEX_SPACES = frozenset(" \t\n\r\x0b\x0c")
_AS_SPACE_OR_LETTER = bytes(32 if chr(c) in _REGEX_SPACES else 97 for c in range(256))
_ASCII_PUNCTUATION = bytes(
    c for c in range(128) if not (chr(c) in _REGEX_SPACES or chr(c).isalnum())
)
_LINE_BREAK = regex.compile(r"\r\n|\n|\r")


def count_words(text: str) -> int:
    """Words in ``text``, counted as a reader or a word processor counts them.

    The same count as ``len(WORD.findall(text))``, several times faster: str.split()
    finds the same runs of non-space characters, and a run holds a letter or digit when
    it starts with an ASCII one, or when an ASCII one is left after stripping ASCII
    non-alphanumerics from its ends, or else when the regex finds one. An ASCII text's
    runs (split where the regex's \\s matches) are counted from its bytes, unsplit.
    """
    if text.isascii():
        # With punctuation deleted, the runs that hold a letter or digit are the runs of
        # b"a" left, and the runs of punctuation alone are gone: counting where a run
        # starts, in C, saves splitting the text into strings.
        shape = text.encode("ascii").translate(_AS_SPACE_OR_LETTER, _ASCII_PUNCTUATION)
        return shape.count(b" a") + shape.startswith(b"a")
    # \x1c-\x1f are whitespace to str.split() and not to the regex's \s: a text with one is
    # counted by the regex itself. (Four tests cost less than a generator over them.)
    if "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text:
        return len(WORD.findall(text))
    runs = text.split()
    words = len(runs)
    for run in runs:
        # Most runs start with an ASCII letter or digit: only the others are looked into.
        if run[0] not in _ASCII_LETTERS_AND_DIGITS:
            core = run.strip(_ASCII_NOT_LETTER_OR_DIGIT)
            if not core or not (core[0].isascii() or _LETTER_OR_DIGIT.search(core)):
                words -= 1
    return words


def blank_except(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with everything outside ``spans`` blanked (line breaks kept): offsets hold."""
    # Only the gaps between the shown spans are blanked and copied, once: the prose is
    # most of a message, and the gaps are a header or a signature.
    shown: list[tuple[int, int]] = []
    for start, end, _ in sorted([slice(start, end).indices(len(text)) for start, end in spans]):
        if start >= end:
            continue
        if shown and start <= shown[-1][1]:
            shown[-1] = (shown[-1][0], max(end, shown[-1][1]))
        else:
            shown.append((start, end))
    pieces: list[str] = []
    cursor = 0
    for start, end in shown:
        pieces.append(_blanked(text[cursor:start]))
        pieces.append(text[start:end])
        cursor = end
    pieces.append(_blanked(text[cursor:]))
    return "".join(pieces)


def _blanked(text: str) -> str:
    """Each character but \\r and \\n as a space."""
    if not text.strip(" \n"):
        return text  # the blank lines between paragraphs
    # Splitting at the line breaks and writing spaces is several times faster than a regex
    # substitution (and a list, faster than a generator, for join).
    lines = text.split("\n")
    if "\r" in text:
        return "\n".join(["\r".join([" " * len(p) for p in line.split("\r")]) for line in lines])
    return "\n".join([" " * len(line) for line in lines])


def unblank(blanked: str, text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``blanked``, a ``blank_except`` of ``text``, with ``spans`` of ``text`` shown too.

    ``blank_except(text, a)`` then ``unblank(..., text, b)`` is ``blank_except(text, [*a, *b])``:
    a character is shown when any span covers it.
    """
    out = blanked
    for start, end in spans:
        start, end, _ = slice(start, end).indices(len(text))
        if start < end:
            out = out[:start] + text[start:end] + out[end:]
    return out


def replace_lone_surrogates(text: str) -> str:
    """Analyse lone surrogates as U+FFFD; the replacement keeps every offset."""
    if text.isascii() or _encodes(text):
        return text  # no surrogate: answered several times faster than the regex's search
    return str(_LONE_SURROGATE.sub("\ufffd", text))


def _encodes(text: str) -> bool:
    """Whether ``text`` is valid UTF-8 material: it holds no surrogate code point."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class LineIndex:
    """Maps code-point offsets to 1-based line and column numbers and back."""

    __slots__ = ("__dict__", "_text")

    def __init__(self, text: str, line_starts: Iterable[int] | None = None) -> None:
        """``line_starts``, where each line of ``text`` starts, when they are known already."""
        self._text = text
        if line_starts is not None:
            self.__dict__["line_starts"] = list(line_starts)

    @cached_attribute
    def line_starts(self) -> list[int]:
        text = self._text
        if "\r" in text:
            return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
        # Only \n breaks lines: adding up line lengths is several times faster than the regex.
        return [0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1])]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column (in code points) of ``offset``."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Start and end (without the line break) of 1-based ``line``."""
        start = self.line_starts[line - 1]
        if line < len(self.line_starts):
            end = self.line_starts[line]
            while end > start and self._text[end - 1] in "\r\n":
                end -= 1
        else:
            end = len(self._text)
        return start, end

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`line_col`."""
        return self.line_starts[line - 1] + column - 1


def split_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, end excluding its line break."""
    spans: list[tuple[int, int]] = []
    start = 0
    if "\r" not in text:
        # Only \n breaks lines: str.split finds them several times faster than the regex.
        for line in text.split("\n"):
            end = start + len(line)
            spans.append((start, end))
            start = end + 1
        return spans
    for match in _LINE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans
