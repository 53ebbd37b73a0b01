"""Reading drafts for the command line: files, folders and standard input.

A ``.eml`` is handed to the engine as bytes (the email package decodes it); anything
else is text that must decode cleanly. Binary or undecodable input is an
:class:`InputError` that names the file and the problem, never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tactful._errors import InputError

CHECKED_SUFFIXES = frozenset({".eml", ".txt", ".md"})
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass(frozen=True)
class Draft:
    """One message to check. ``message`` is what ``check_message`` gets."""

    name: str  # the path as shown in output, or the stdin name
    path: Path | None  # None for standard input
    data: bytes
    message: str | bytes
    encoding: str | None  # the text encoding to write back with; None for an .eml

    @property
    def is_email(self) -> bool:
        return isinstance(self.message, bytes)


def is_email_name(name: str) -> bool:
    return Path(name).suffix.lower() == ".eml"


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a draft file and the encoding to write it back with."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise InputError(f"is not valid {encoding} text (byte {error.start})") from None
    if b"\x00" in data[:8192]:
        raise InputError("is binary data, not a text draft")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise InputError(
            f"is not UTF-8 text (byte 0x{bad:02x} at offset {error.start}); save it as UTF-8"
        ) from None


def make_draft(name: str, path: Path | None, data: bytes) -> Draft:
    """Decide how to read ``data``; raises InputError for empty, binary or undecodable input."""
    if not data.strip():
        raise InputError("is empty")
    if is_email_name(name):
        if b"\x00" in data[:8192]:
            raise InputError("is binary data, not an email")
        return Draft(name, path, data, data, None)
    text, encoding = decode_text(data)
    return Draft(name, path, data, text, encoding)


def read_draft(path: Path, name: str) -> Draft:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder") from None
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror or error}") from None
    return make_draft(name, path, data)


def expand_paths(arguments: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """Each named file, and every .eml/.txt/.md file under each named folder (sorted).

    Hidden files and folders (``.git``, ``.venv``) under a folder are skipped; a file
    named on the command line is checked whatever its suffix. ``-`` is standard input.
    """
    for argument in arguments:
        if argument == "-":
            yield argument, None
            continue
        path = Path(argument)
        if not path.is_dir():
            yield argument, path
            continue
        found: list[Path] = []
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            found.extend(
                Path(folder) / f
                for f in files
                if not f.startswith(".") and Path(f).suffix.lower() in CHECKED_SUFFIXES
            )
        for file in sorted(found):
            yield str(file), file
