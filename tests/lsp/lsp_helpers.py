"""Helpers for driving ``tactful lsp`` in tests. Positions are converted here with the
codecs of the standard library, independently of the server's own converter."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path
from typing import Any, Union

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER_COMMAND = [sys.executable, "-m", "tactful.lsp", "--log-level", "info"]
# The recorded capabilities of real clients, and the encoding each one prefers.
CLIENT_ENCODINGS = {"neovim": "utf-8", "emacs": "utf-32", "visual_studio_code": "utf-16"}
_UNIT_BYTES = {"utf-8": 1, "utf-16": 2, "utf-32": 4}
_CODEC = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


def server_env(config_home: Path) -> dict[str, str]:
    """The environment for the server: no user config of the person running the tests."""
    return {**os.environ, "XDG_CONFIG_HOME": str(config_home), "PYTHONUNBUFFERED": "1"}


class RecordingClient(LanguageClient):
    """A pytest-lsp client that keeps every diagnostics and score notification."""

    published: list[types.PublishDiagnosticsParams]
    scores: list[dict[str, Any]]


def _plain(value: Any) -> Any:
    """pygls hands unknown notifications' params over as named tuples; make them dicts."""
    if hasattr(value, "_asdict"):
        return {key: _plain(item) for key, item in value._asdict().items()}
    return value


def _converter() -> Any:
    """pygls's converter, but reading a code action that carries a command as a CodeAction:
    lsprotocol 2025.0.0 takes any object with a "command" key for a bare Command."""
    converter = default_converter()

    def command_or_code_action(value: Any, _: type) -> types.Command | types.CodeAction:
        if isinstance(value.get("command"), str):
            return converter.structure(value, types.Command)  # type: ignore[no-any-return]
        return converter.structure(value, types.CodeAction)  # type: ignore[no-any-return]

    converter.register_structure_hook(types.Command | types.CodeAction, command_or_code_action)
    converter.register_structure_hook(
        Union[types.Command, types.CodeAction],  # noqa: UP007 - the exact type lsprotocol registers
        command_or_code_action,
    )
    return converter


def make_recording_client() -> RecordingClient:
    client = RecordingClient(converter_factory=_converter)
    client.published = []
    client.scores = []

    def publish(client_: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
        client_.published.append(params)
        client_.diagnostics[params.uri] = params.diagnostics

    def score(client_: RecordingClient, params: Any) -> None:
        client_.scores.append(_plain(params))

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features["tactful/score"] = score
    register_lsp_features(client, features)
    return client


async def wait_for_diagnostics(
    client: RecordingClient, uri: str, version: int | None, timeout: float = 15
) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for this version of the document."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for params in reversed(client.published):
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"no diagnostics for {uri} version {version}")
        await asyncio.sleep(0.01)


def findings(diagnostics: list[types.Diagnostic]) -> list[types.Diagnostic]:
    """The diagnostics about the text (without the score line)."""
    return [d for d in diagnostics if d.code != "score"]


def offset(text: str, position: types.Position, encoding: str) -> int:
    """Code-point offset of an LSP position, by the book."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
    line_start = starts[position.line]
    line_end = starts[position.line + 1] if position.line + 1 < len(starts) else len(text)
    line = text[line_start:line_end].rstrip("\r\n")
    data = line.encode(_CODEC[encoding], "surrogatepass")
    prefix = data[: position.character * _UNIT_BYTES[encoding]]
    return line_start + len(prefix.decode(_CODEC[encoding], "surrogatepass"))


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    spans = sorted(
        (
            (offset(text, e.range.start, encoding), offset(text, e.range.end, encoding), e.new_text)
            for e in edits
        ),
        reverse=True,
    )
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def edits_for(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.document_changes:
        return [
            e
            for change in edit.document_changes
            if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
            for e in change.edits
            if isinstance(e, types.TextEdit)
        ]
    return list((edit.changes or {}).get(uri, []))


def covered(text: str, diagnostic: types.Diagnostic, encoding: str) -> str:
    return text[
        offset(text, diagnostic.range.start, encoding) : offset(
            text, diagnostic.range.end, encoding
        )
    ]
