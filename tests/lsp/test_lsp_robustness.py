"""Malformed and out-of-order messages, a failing rule: answered, logged without message
text, and the server keeps serving."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.lsp.lsp_helpers import SERVER_COMMAND, server_env
from tests.lsp.raw_session import RawSession

# A word that must never reach the log, whatever the log level.
SECRET = "Quagmireberry"
DRAFT = f"Hi Dr. Patel,\n\nThanks 😀 {SECRET} gonna send it.\n\nBest,\nSam\n"
INVALID_PARAMS = -32602


@pytest.fixture
def session(tmp_path: Path) -> Iterator[RawSession]:
    raw = RawSession([*SERVER_COMMAND[:-1], "debug"], server_env(tmp_path / "config-home"))
    yield raw
    raw.close()


def initialize(session: RawSession, workspace: Path, id: int = 100) -> None:
    answer = session.request(
        id,
        "initialize",
        {"processId": None, "rootUri": workspace.as_uri(), "capabilities": {}},
    )
    assert answer["result"]["capabilities"]["positionEncoding"] == "utf-16"
    session.notify("initialized", {})


def open_draft(session: RawSession, uri: str, text: str = DRAFT) -> dict[str, object]:
    session.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}},
    )
    return session.wait_for(
        lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
    )


def hover(session: RawSession, id: int, uri: str, line: int, character: int) -> dict[str, object]:
    return session.request(
        id,
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
    )


def test_malformed_and_out_of_order_requests_are_answered(
    session: RawSession, tmp_path: Path
) -> None:
    uri = (tmp_path / "draft.txt").as_uri()
    # Before initialize.
    early = hover(session, 1, uri, 0, 0)
    assert early["error"]["code"] == -32002
    session.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": DRAFT}},
    )
    initialize(session, tmp_path)
    # Not JSON at all, then JSON that is not an object: no id to answer, but no harm done.
    session.send_bytes(b'{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", ')
    parse_error = session.response(None)
    assert parse_error["error"]["code"] == -32700
    assert "id" in parse_error
    session.send_bytes(b"[1, 2, 3]")
    # A request whose params do not fit the method.
    bad_params = session.request(3, "textDocument/hover", {"textDocument": {"uri": uri}})
    assert bad_params["error"]["code"] == INVALID_PARAMS
    # Not JSON-RPC 2.0.
    session.send_bytes(b'{"id": 4, "method": "textDocument/hover", "params": {}}')
    assert session.response(4)["error"]["code"] == -32600
    # A method nobody has heard of.
    assert session.request(5, "tactful/frobnicate", {})["error"]["code"] == -32601
    # Changes, saves and requests for a document that was never opened.
    session.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "x"}]},
    )
    session.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert hover(session, 6, uri, 0, 0)["error"]["code"] == INVALID_PARAMS
    bad_command = session.request(
        7, "workspace/executeCommand", {"command": "tactful.ignoreFinding", "arguments": [uri]}
    )
    assert bad_command["error"]["code"] == INVALID_PARAMS
    # The server still serves: diagnostics, then a hover on the emoji and one past the end.
    published = open_draft(session, uri)
    codes = {d["code"] for d in published["params"]["diagnostics"]}  # type: ignore[index]
    assert {"EMO001", "INF001"} <= codes
    answer = hover(session, 8, uri, 2, 7)
    assert "EMO001" in answer["result"]["contents"]["value"]
    assert hover(session, 9, uri, 99, 99)["result"] is None
    assert session.close() == 0
    log = "".join(session.stderr)
    assert "malformed textDocument/hover request" in log
    for text in (SECRET, "gonna", "😀"):
        assert text not in log


def test_a_failing_rule_is_reported_and_the_others_still_run(tmp_path: Path) -> None:
    script = Path(__file__).with_name("failing_rule_server.py")
    session = RawSession(
        [sys.executable, str(script), "--log-level", "debug"],
        server_env(tmp_path / "config-home"),
    )
    try:
        initialize(session, tmp_path)
        uri = (tmp_path / "draft.txt").as_uri()
        published = open_draft(session, uri)
        codes = {d["code"] for d in published["params"]["diagnostics"]}  # type: ignore[index]
        assert "INF001" in codes
        assert "EMO001" not in codes
        shown = session.wait_for(lambda m: m.get("method") == "window/showMessage")
        assert "EMO001" in shown["params"]["message"]
        assert "INF001" in hover(session, 2, uri, 2, 25)["result"]["contents"]["value"]
    finally:
        assert session.close() == 0
    log = "".join(session.stderr)
    assert "rule EMO001 raised ValueError" in log
    for text in (SECRET, "gonna"):
        assert text not in log
