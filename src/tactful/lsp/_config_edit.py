"""Adding a rule to ``ignore`` in a tactful config file, editing as little as possible.

``tomllib`` only reads, so the edit is textual: find the table, find its ``ignore`` array
(or the place for one), insert the code, keep every other byte, comment and line ending.
The result is parsed again and must equal the old file with just that one code added;
anything this editor cannot change safely (an inline table, a quoted key) is refused
with an error rather than guessed at. The file is replaced atomically.
"""

from __future__ import annotations

import json
import tomllib
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from tactful._config import find_config_file
from tactful._errors import ConfigError
from tactful._files import write_atomically
from tactful.packs._schema import CODE_PATTERN

NEW_CONFIG_NAME = "tactful.toml"

_HEADER = regex.compile(r"[ \t]*\[(\[?)[ \t]*([^\]\r\n]+?)[ \t]*\]\]?[ \t]*(?:#[^\r\n]*)?$")
_IGNORE_KEY = regex.compile(r"[ \t]*ignore[ \t]*=[ \t]*")
# Every rule's code has this shape (fullmatch: "$" alone would let a trailing newline in).
_CODE = regex.compile(CODE_PATTERN.removeprefix("^").removesuffix("$"))


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # before the line break
    top_level: bool  # starts outside any string or bracket, so it may be a header or key


def ignore_rule(document: Path, workspace_root: Path | None, code: str) -> Path:
    """Add ``code`` to ``ignore`` in the config that governs ``document``; return the file.

    The nearest ``tactful.toml``, ``.tactful.toml`` or ``pyproject.toml`` with
    ``[tool.tactful]`` is edited; with none, ``tactful.toml`` is created in the workspace
    folder (else next to the document).
    """
    if not _CODE.fullmatch(code):
        raise ConfigError(f"{code!r} is not a rule code")
    found = find_config_file(document)
    table: tuple[str, ...]
    if found is None:
        folder = workspace_root or (document if document.is_dir() else document.parent)
        target, table, old = folder / NEW_CONFIG_NAME, (), ""
    else:
        target, table = found
        try:
            with open(target, encoding="utf-8", newline="") as file:
                old = file.read()
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"cannot read: {error}", path=str(target)) from None
    new = add_to_ignore(old, code, table, where=str(target))
    if new != old:
        write_atomically(target, new.encode("utf-8"))
    return target


def add_to_ignore(text: str, code: str, table: tuple[str, ...], *, where: str = "") -> str:
    """``text`` with ``code`` added to the ``ignore`` array of ``table`` (root when empty)."""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}", path=where or None) from None
    existing = _table(before, table).get("ignore", [])
    if not isinstance(existing, list):
        raise ConfigError("must be a list", path=where or None, key="ignore")
    if code.upper() in {str(item).upper() for item in existing}:
        return text

    newline = "\r\n" if "\r\n" in text else "\n"
    base = text if not text or text.endswith(("\n", "\r")) else text + newline
    edited = _insert(base, _scan_lines(base), code, table, newline)

    expected = deepcopy(before)
    _table(expected, table, create=True)["ignore"] = [*existing, code]
    try:
        after = tomllib.loads(edited)
    except tomllib.TOMLDecodeError:
        after = None
    if after != expected:
        raise ConfigError(
            f"cannot add {code} to ignore safely here; add it by hand",
            path=where or None,
            key=".".join((*table, "ignore")),
        )
    return edited


def _table(data: dict[str, Any], path: tuple[str, ...], *, create: bool = False) -> dict[str, Any]:
    for name in path:
        if create:
            data = data.setdefault(name, {})
        else:
            found = data.get(name, {})
            data = found if isinstance(found, dict) else {}
    return data


def _insert(text: str, lines: list[_Line], code: str, table: tuple[str, ...], newline: str) -> str:
    start, end = _section(text, lines, table)
    if start is None:  # no [tool.tactful] header: add one at the end
        header = "[" + ".".join(table) + "]"
        gap = newline if text else ""
        return f"{text}{gap}{header}{newline}ignore = [{json.dumps(code)}]{newline}"
    for line in lines:
        if not (start <= line.start < end and line.top_level):
            continue
        key = _IGNORE_KEY.match(text, line.start, line.end)
        if key:
            return _insert_into_array(text, key.end(), code, newline)
    # After the table's last key (and its value's continuation lines), else at its top.
    insert_at = start
    in_section = [line for line in lines if start <= line.start < end]
    for index, line in enumerate(in_section):
        content = text[line.start : line.end].strip()
        if line.top_level and content and not content.startswith("#"):
            following = in_section[index + 1 :]
            after = next((later for later in following if later.top_level), None)
            insert_at = after.start if after is not None else end
    entry = f"ignore = [{json.dumps(code)}]{newline}"
    return text[:insert_at] + entry + text[insert_at:]


def _section(text: str, lines: list[_Line], table: tuple[str, ...]) -> tuple[int | None, int]:
    """Where the keys of ``table`` are written: after its header, up to the next header."""
    headers = []
    for index, line in enumerate(lines):
        if not line.top_level:
            continue
        match = _HEADER.fullmatch(text, line.start, line.end)
        if match:
            name = tuple(part.strip().strip('"') for part in match.group(2).split("."))
            headers.append((index, name))
    if not table:
        first = lines[headers[0][0]].start if headers else len(text)
        return 0, first
    for position, (index, name) in enumerate(headers):
        if name == table:
            start = lines[index + 1].start if index + 1 < len(lines) else len(text)
            end = (
                lines[headers[position + 1][0]].start if position + 1 < len(headers) else len(text)
            )
            return start, end
    return None, 0


def _insert_into_array(text: str, at: int, code: str, newline: str) -> str:
    """Insert ``code`` into the array value that starts at ``at`` (just after ``=``)."""
    if at >= len(text) or text[at] != "[":
        return text  # not an array: the check after the edit reports it
    quoted = json.dumps(code)
    last_value_end: int | None = None
    trailing_comma = False
    multiline = False  # a line break between elements (not inside a string)
    index = at + 1
    depth = 1
    while index < len(text):
        char = text[index]
        if char in "\"'":
            index = _skip_string(text, index)
            last_value_end, trailing_comma = index, False
            continue
        if char == "#":
            while index < len(text) and text[index] not in "\r\n":
                index += 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                break
        if char in "\r\n":
            multiline = True
        if char == "," and depth == 1:
            trailing_comma = True
            last_value_end = index + 1
        elif not char.isspace():
            trailing_comma = False
            last_value_end = index + 1
        index += 1
    close = index
    if last_value_end is None:
        return text[: at + 1] + quoted + text[at + 1 :]
    if not multiline:
        addition = f" {quoted}," if trailing_comma else f", {quoted}"
        return text[:last_value_end] + addition + text[last_value_end:]
    line_start = max(text.rfind("\n", 0, last_value_end), text.rfind("\r", 0, last_value_end)) + 1
    indent = regex.match(r"[ \t]*", text[line_start:]).group(0)
    line_end = last_value_end
    while line_end < close and text[line_end] not in "\r\n":
        line_end += 1
    if line_end == close:  # the closing bracket shares the last element's line
        line_end = last_value_end
    if trailing_comma:
        return text[:line_end] + f"{newline}{indent}{quoted}," + text[line_end:]
    return (
        text[:last_value_end]
        + ","
        + text[last_value_end:line_end]
        + f"{newline}{indent}{quoted}"
        + text[line_end:]
    )


def _skip_string(text: str, index: int) -> int:
    """The index just after the TOML string that starts at ``index``."""
    quote = text[index]
    if text.startswith(quote * 3, index):
        end = index + 3
        while True:
            found = text.find(quote * 3, end)
            if found < 0:
                return len(text)
            if quote == '"' and _escaped(text, found):
                end = found + 1
                continue
            end = found + 3
            while end < len(text) and text[end] == quote:  # up to two quotes may end it
                end += 1
            return end
    end = index + 1
    while end < len(text):
        char = text[end]
        if char == "\\" and quote == '"':
            end += 2
            continue
        if char == quote or char in "\r\n":
            return end + 1
        end += 1
    return len(text)


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _scan_lines(text: str) -> list[_Line]:
    """Every line, marking those that start outside strings and brackets."""
    lines: list[_Line] = []
    depth = 0
    index = 0
    line_start = 0
    line_top_level = True
    while index <= len(text):
        if index == len(text) or text[index] in "\r\n":
            lines.append(_Line(line_start, index, line_top_level))
            if index == len(text):
                break
            index += 2 if text.startswith("\r\n", index) else 1
            line_start, line_top_level = index, depth == 0
            continue
        char = text[index]
        if char in "\"'":
            after = _skip_string(text, index)
            # A multi-line string swallows lines: none of them is top level.
            for inner in regex.finditer(r"\r\n|\n|\r", text[index:after]):
                lines.append(_Line(line_start, index + inner.start(), line_top_level))
                line_start, line_top_level = index + inner.end(), False
            index = after
            continue
        if char == "#":
            while index < len(text) and text[index] not in "\r\n":
                index += 1
            continue
        if char in "[{" and not (
            depth == 0 and _HEADER.fullmatch(text, line_start, _eol(text, index))
        ):
            depth += 1
        elif char in "]}" and depth > 0:
            depth -= 1
        index += 1
    return lines


def _eol(text: str, index: int) -> int:
    while index < len(text) and text[index] not in "\r\n":
        index += 1
    return index
