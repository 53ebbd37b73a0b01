"""The language server end to end, as Neovim, Emacs and VS Code drive it (their recorded
capabilities: Neovim 0.11 prefers UTF-8 positions, Emacs UTF-32, VS Code UTF-16)."""

from __future__ import annotations

import asyncio
import itertools
import tomllib
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from tests.lsp.lsp_helpers import (
    CLIENT_ENCODINGS,
    RecordingClient,
    apply_edits,
    covered,
    edits_for,
    findings,
    wait_for_diagnostics,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

_counter = itertools.count()
# A finding after an emoji and a combining accent: every encoding counts the line differently.
EMOJI_LINE = "Thanks, Rene\u0301e 😀 gonna send it."
DRAFT = f"Hi Dr. Patel,\n\n{EMOJI_LINE}\n\nBest,\nSam\n"
# Hand-counted (line 2): the emoji and "gonna" in each encoding's code units.
EXPECTED_COLUMNS = {
    "utf-32": {"EMO001": (15, 16), "INF001": (17, 22)},
    "utf-16": {"EMO001": (15, 17), "INF001": (18, 23)},
    "utf-8": {"EMO001": (16, 20), "INF001": (21, 26)},
}


def new_uri(workspace: Path, suffix: str = ".txt", folder: str = "") -> str:
    parent = workspace / folder if folder else workspace
    parent.mkdir(parents=True, exist_ok=True)
    return (parent / f"draft-{next(_counter)}{suffix}").as_uri()


def encoding(client: RecordingClient) -> str:
    return client.encoding  # type: ignore[attr-defined, no-any-return]


async def open_document(
    client: RecordingClient, uri: str, text: str, language_id: str = "plaintext"
) -> list[types.Diagnostic]:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language_id, version=1, text=text
            )
        )
    )
    return await wait_for_diagnostics(client, uri, 1)


async def change_document(client: RecordingClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def set_settings(client: RecordingClient, settings: dict[str, object]) -> None:
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"tactful": settings})
    )


def by_code(diagnostics: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in findings(diagnostics)}


async def code_actions(
    client: RecordingClient, uri: str, diagnostic_range: types.Range, only: list[str] | None = None
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic_range,
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return [action for action in result or [] if isinstance(action, types.CodeAction)]


async def test_encoding_is_the_one_the_client_prefers(client: RecordingClient) -> None:
    assert encoding(client) == CLIENT_ENCODINGS[client.client_name]  # type: ignore[attr-defined]


async def test_diagnostics_land_on_the_right_characters_after_emoji(
    client: RecordingClient, workspace: Path
) -> None:
    uri = new_uri(workspace)
    diagnostics = by_code(await open_document(client, uri, DRAFT))
    for code, (start, end) in EXPECTED_COLUMNS[encoding(client)].items():
        diagnostic = diagnostics[code]
        assert (diagnostic.range.start.line, diagnostic.range.start.character) == (2, start)
        assert (diagnostic.range.end.line, diagnostic.range.end.character) == (2, end)
    assert covered(DRAFT, diagnostics["EMO001"], encoding(client)) == "😀"
    assert covered(DRAFT, diagnostics["INF001"], encoding(client)) == "gonna"


async def test_each_diagnostic_carries_code_source_severity_link_and_fix_data(
    client: RecordingClient, workspace: Path
) -> None:
    uri = new_uri(workspace)
    slang = by_code(await open_document(client, uri, DRAFT))["INF001"]
    assert slang.source == "tactful"
    assert slang.severity == types.DiagnosticSeverity.Warning
    assert slang.code_description is not None
    assert slang.code_description.href.endswith("/docs/rules/INF001-slang.md")
    assert "gonna" in slang.message
    assert slang.data["key"] == ["INF001", "gonna", 0]
    (fix,) = slang.data["fixes"]
    assert fix["applicability"] == "safe"
    assert [edit["newText"] for edit in fix["edits"]] == ["going to"]


async def test_score_and_verdict_are_an_info_diagnostic_and_a_notification(
    client: RecordingClient, workspace: Path
) -> None:
    uri = new_uri(workspace)
    diagnostics = await open_document(client, uri, DRAFT)
    score = next(d for d in diagnostics if d.code == "score")
    assert score.severity == types.DiagnosticSeverity.Information
    assert score.range.start == types.Position(line=0, character=0)
    notification = next(s for s in reversed(client.scores) if s["uri"] == uri)
    assert score.message.startswith(f"Score {notification['score']}/100: {notification['verdict']}")
    assert notification["version"] == 1
    assert notification["score"] < 100


async def test_quick_fix_applied_gives_the_fixed_text(
    client: RecordingClient, workspace: Path
) -> None:
    uri = new_uri(workspace)
    slang = by_code(await open_document(client, uri, DRAFT))["INF001"]
    actions = await code_actions(client, uri, slang.range)
    fix = next(a for a in actions if a.edit is not None and "going to" in a.title)
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.is_preferred
    fixed = apply_edits(DRAFT, edits_for(fix.edit, uri), encoding(client))  # type: ignore[arg-type]
    assert fixed == DRAFT.replace("gonna", "going to")


async def test_fix_all_applies_every_safe_fix(client: RecordingClient, workspace: Path) -> None:
    uri = new_uri(workspace)
    await open_document(client, uri, DRAFT)
    whole = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=6, character=0)
    )
    (fix_all,) = await code_actions(client, uri, whole, only=["source.fixAll"])
    assert fix_all.kind == "source.fixAll.tactful"
    fixed = apply_edits(DRAFT, edits_for(fix_all.edit, uri), encoding(client))  # type: ignore[arg-type]
    assert fixed == DRAFT.replace(" 😀", "").replace("gonna", "going to")


async def test_changes_are_checked_and_rapid_ones_coalesced(
    client: RecordingClient, workspace: Path
) -> None:
    uri = new_uri(workspace)
    await open_document(client, uri, "Hi Dr. Patel,\n\nThank you for your time.\n\nBest,\nSam\n")
    published_before = len(client.published)
    for version in range(2, 7):
        await change_document(client, uri, version, DRAFT.replace("gonna", "gonna " * version))
    diagnostics = await wait_for_diagnostics(client, uri, 6)
    assert len([d for d in findings(diagnostics) if d.code == "INF001"]) == 6
    await asyncio.sleep(0.2)
    versions = [p.version for p in client.published[published_before:] if p.uri == uri]
    assert versions == [6], "intermediate versions should have been coalesced away"


async def test_hover_explains_the_rule(client: RecordingClient, workspace: Path) -> None:
    uri = new_uri(workspace)
    emoji = by_code(await open_document(client, uri, DRAFT))["EMO001"]
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=emoji.range.start
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    for heading in ("What it does", "Why it matters", "Use instead"):
        assert f"### {heading}" in text
    assert "EMO001" in text
    assert hover.range == emoji.range
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=5, character=1),
        )
    )
    assert nothing is None


async def test_ignore_this_finding_hides_it_for_the_session_only(
    client: RecordingClient, workspace: Path
) -> None:
    uri = new_uri(workspace)
    slang = by_code(await open_document(client, uri, DRAFT))["INF001"]
    actions = await code_actions(client, uri, slang.range)
    ignore = next(a for a in actions if a.command and a.command.command == "tactful.ignoreFinding")
    assert ignore.edit is None  # the text is left alone
    published = len(client.published)
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=ignore.command.command,  # type: ignore[union-attr]
            arguments=ignore.command.arguments,  # type: ignore[union-attr]
        )
    )
    await _wait_for_publish_after(client, uri, published)
    assert "INF001" not in by_code(latest(client, uri))
    assert "EMO001" in by_code(latest(client, uri))
    # Still hidden after an edit elsewhere in the text; other documents are unaffected.
    await change_document(client, uri, 2, DRAFT.replace("Best,", "Kind regards,"))
    assert "INF001" not in by_code(await wait_for_diagnostics(client, uri, 2))
    other = new_uri(workspace)
    assert "INF001" in by_code(await open_document(client, other, DRAFT))


def latest(client: RecordingClient, uri: str) -> list[types.Diagnostic]:
    return list(next(p for p in reversed(client.published) if p.uri == uri).diagnostics)


async def _wait_for_publish_after(client: RecordingClient, uri: str, count: int) -> None:
    for _ in range(1500):
        if any(p.uri == uri for p in client.published[count:]):
            return
        await asyncio.sleep(0.01)
    raise TimeoutError(uri)


async def test_ignore_rule_in_workspace_writes_the_config_file(
    client: RecordingClient, workspace: Path
) -> None:
    project = workspace / f"project-{next(_counter)}"
    project.mkdir()
    config = project / "tactful.toml"
    config.write_text('# my settings\nallowed-words = ["Thx"]\n', encoding="utf-8")
    uri = new_uri(project)
    emoji = by_code(await open_document(client, uri, DRAFT))["EMO001"]
    actions = await code_actions(client, uri, emoji.range)
    ignore = next(a for a in actions if a.command and a.command.command == "tactful.ignoreRule")
    published = len(client.published)
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=ignore.command.command,  # type: ignore[union-attr]
            arguments=ignore.command.arguments,  # type: ignore[union-attr]
        )
    )
    assert Path(result["path"]) == config
    assert config.read_text(encoding="utf-8").startswith("# my settings\n")
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {
        "allowed-words": ["Thx"],
        "ignore": ["EMO001"],
    }
    await _wait_for_publish_after(client, uri, published)
    assert "EMO001" not in by_code(latest(client, uri))
    assert "INF001" in by_code(latest(client, uri))


async def test_settings_change_reselects_rules_and_sets_context(
    client: RecordingClient, workspace: Path
) -> None:
    uri = new_uri(workspace)
    assert {"EMO001", "INF001"} <= set(by_code(await open_document(client, uri, DRAFT)))
    published = len(client.published)
    await set_settings(client, {"select": ["EMO001"], "debounce-ms": 20})
    try:
        await _wait_for_publish_after(client, uri, published)
        assert set(by_code(latest(client, uri))) == {"EMO001"}  # type: ignore[arg-type]
        published = len(client.published)
        await set_settings(client, {"select": ["EMO"], "severity": {"EMO001": "error"}})
        await _wait_for_publish_after(client, uri, published)
        emoji = by_code(latest(client, uri))["EMO001"]  # type: ignore[arg-type]
        assert emoji.severity == types.DiagnosticSeverity.Error
    finally:
        published = len(client.published)
        await set_settings(client, {"debounce-ms": 20})
        await _wait_for_publish_after(client, uri, published)


async def test_bad_settings_are_reported_and_the_old_ones_kept(
    client: RecordingClient, workspace: Path
) -> None:
    uri = new_uri(workspace)
    await open_document(client, uri, DRAFT)
    messages = len(client.messages)
    published = len(client.published)
    await set_settings(client, {"selekt": ["EMO001"], "debounce-ms": 20})
    await _wait_for_publish_after(client, uri, published)
    assert any("selekt" in m.message for m in client.messages[messages:])
    assert {"EMO001", "INF001"} <= set(by_code(latest(client, uri)))  # type: ignore[arg-type]


async def test_mail_headers_quotes_and_signature_are_not_prose(
    client: RecordingClient, workspace: Path
) -> None:
    mail = (
        "To: Dr. Ana Patel <ana.patel@example.org>\n"
        "Subject: gonna follow up 😀\n"
        "\n"
        "Dear Dr. Patel,\n\nThank you for the interview, I'm gonna be brief.\n\n"
        "Best regards,\nSam Lee\n"
        "-- \nSam Lee 😀 | gonna be a lab tech\n"
        "\n"
        "On Mon, Nov 23, 2026 at 9:00 AM Ana Patel wrote:\n"
        "> gonna 😀 see you\n"
    )
    uri = new_uri(workspace, ".eml")
    diagnostics = findings(await open_document(client, uri, mail, language_id="mail"))
    flagged = [(d.range.start.line, covered(mail, d, encoding(client))) for d in diagnostics]
    assert (5, "gonna") in flagged
    # EMO001 reads the Subject line on purpose (docs/checks.md); nothing else there, in the
    # signature or in the quote is flagged. Findings about something missing are zero-width.
    assert [text for line, text in flagged if line == 1] == ["😀"], flagged
    assert all(line in (1, 5) for line, text in flagged if text), flagged


async def test_document_over_max_chars_is_reported_and_requests_fail(
    client: RecordingClient, workspace: Path
) -> None:
    project = workspace / f"small-{next(_counter)}"
    project.mkdir()
    (project / ".tactful.toml").write_text("max-chars = 20\n", encoding="utf-8")
    uri = new_uri(project)
    (diagnostic,) = await open_document(client, uri, DRAFT)
    assert diagnostic.code == "not-checked"
    assert "over the limit of 20" in diagnostic.message
    with pytest.raises(JsonRpcException) as raised:
        await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=2, character=0),
            )
        )
    assert raised.value.code == -32803
    # The server keeps serving.
    assert "INF001" in by_code(await open_document(client, new_uri(workspace), DRAFT))


async def test_unknown_document_is_an_error(client: RecordingClient, workspace: Path) -> None:
    with pytest.raises(JsonRpcException) as raised:
        await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=new_uri(workspace)),
                position=types.Position(line=0, character=0),
            )
        )
    assert raised.value.code == -32602


async def test_closing_clears_diagnostics(client: RecordingClient, workspace: Path) -> None:
    uri = new_uri(workspace)
    await open_document(client, uri, DRAFT)
    published = len(client.published)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await _wait_for_publish_after(client, uri, published)
    assert latest(client, uri) == []


async def test_incremental_changes_after_emoji_in_the_clients_encoding(
    client: RecordingClient, workspace: Path
) -> None:
    uri = new_uri(workspace)
    slang = by_code(await open_document(client, uri, DRAFT))["INF001"]
    # Replace "gonna" using the range the server gave, then insert before the emoji using
    # a position counted here in the client's own units.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(range=slang.range, text="going to"),
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=2, character=0),
                        end=types.Position(line=2, character=0),
                    ),
                    text="🧪 gonna\r\n",
                ),
            ],
        )
    )
    expected = DRAFT.replace("gonna", "going to").replace(
        EMOJI_LINE[:7], "🧪 gonna\r\n" + EMOJI_LINE[:7]
    )
    diagnostics = await wait_for_diagnostics(client, uri, 2)
    flagged = {
        (d.range.start.line, covered(expected, d, encoding(client))): d.code
        for d in findings(diagnostics)
        if d.range.start != d.range.end  # findings about something missing are zero-width
    }
    assert flagged == {(2, "🧪"): "EMO001", (2, "gonna"): "INF001", (3, "😀"): "EMO001"}


async def test_save_checks_at_once(client: RecordingClient, workspace: Path) -> None:
    uri = new_uri(workspace)
    await open_document(client, uri, DRAFT)
    await set_settings(client, {"debounce-ms": 5000})
    try:
        await change_document(client, uri, 2, DRAFT.replace("gonna", "going to"))
        client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        diagnostics = await wait_for_diagnostics(client, uri, 2, timeout=3)
        assert "INF001" not in by_code(diagnostics)
    finally:
        await set_settings(client, {"debounce-ms": 20})
