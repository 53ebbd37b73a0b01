"""The tactful language server (pygls 2.x).

One source of truth for open documents: this module's ``OpenDocument`` store, not pygls's
workspace (pygls splits lines with ``str.splitlines``, which disagrees with the protocol
about U+2028 and friends). Checks run in a worker thread, at most one result per document
generation; rapid changes are coalesced by waiting ``debounce-ms`` after the last one.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import traceback
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from tactful._config import Config
from tactful._engine import RuleSet, check_message
from tactful._errors import (
    ConfigError,
    InputError,
    MessageTooLargeError,
    RuleFailedError,
    TactfulError,
)
from tactful._model import Applicability, Finding, Report, apply_fixes
from tactful._version import __version__
from tactful.lsp._config_edit import ignore_rule
from tactful.lsp._convert import (
    SOURCE,
    FindingKey,
    applicable_fixes,
    finding_keys,
    hover_markdown,
    minimal_edit,
    score_diagnostic,
    text_edits,
    to_diagnostic,
    to_range,
)
from tactful.lsp._positions import Encoding, PositionMapper
from tactful.lsp._settings import Settings, layered, normalise, parse_settings
from tactful.rule import Rule

log = logging.getLogger("tactful.lsp")

SCORE_NOTIFICATION = "tactful/score"
IGNORE_FINDING_COMMAND = "tactful.ignoreFinding"
IGNORE_RULE_COMMAND = "tactful.ignoreRule"
FIX_ALL_KIND = "source.fixAll.tactful"
NOT_CHECKED_CODE = "not-checked"
# A rule that fails is dropped and the message checked again, a few times at most.
MAX_FAILED_RULES = 5


class RequestFailedError(JsonRpcException):
    """LSP's RequestFailed: the request was valid but could not be carried out."""

    CODE = -32803


class ServerNotInitializedError(JsonRpcException):
    CODE = -32002


@dataclass
class CheckOutcome:
    """What one check of one text produced."""

    text: str
    report: Report | None = None
    rules: dict[str, type[Rule]] = field(default_factory=dict)
    error: str | None = None  # why the text was not checked (no message text in it)
    failed_rules: tuple[str, ...] = ()


@dataclass
class OpenDocument:
    uri: str
    text: str
    version: int | None
    generation: int = 0
    outcome: CheckOutcome | None = None
    outcome_generation: int = -1
    ignored: set[FindingKey] = field(default_factory=set)
    pending: asyncio.Task[None] | None = None
    in_flight: dict[int, asyncio.Future[CheckOutcome]] = field(default_factory=dict)

    @property
    def path(self) -> Path | None:
        if not self.uri.startswith("file:"):
            return None
        path = to_fs_path(self.uri)
        return Path(path) if path else None


class _Malformed:
    """What ``structure_message`` returns for a message it already answered with an error."""


MALFORMED = _Malformed()


class TactfulProtocol(LanguageServerProtocol):
    """pygls's protocol, answering malformed requests instead of dropping them, and not
    keeping its own copy of open documents."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        if "jsonrpc" not in data:
            return data  # a nested object: structured with its parent
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            method = data.get("method")
            method_name = method if isinstance(method, str) else "?"
            if "id" in data and method is not None:
                log.warning("malformed %s request answered with an error", method_name)
                self._send_response(
                    data["id"],
                    error=types.ResponseError(
                        code=error.code
                        if error.code != -32603
                        else types.ErrorCodes.InvalidParams.value,
                        message=f"invalid parameters for {method_name}",
                    ),
                )
            else:
                log.warning("malformed %s message ignored", method_name)
            return MALFORMED

    def handle_message(self, message: Any) -> None:
        if message is MALFORMED:
            return
        if isinstance(message, dict):  # an object without "jsonrpc": not a JSON-RPC message
            log.warning("message without a jsonrpc version ignored")
            message_id = message.get("id")
            if isinstance(message_id, int | str):
                self._send_response(
                    message_id,
                    error=types.ResponseError(
                        code=types.ErrorCodes.InvalidRequest.value,
                        message="not a JSON-RPC 2.0 message",
                    ),
                )
            return
        if not hasattr(message, "jsonrpc"):
            log.warning("a %s is not a JSON-RPC message; ignored", type(message).__name__)
            return
        super().handle_message(message)

    # The server keeps the documents itself (see the module docstring).
    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(
        self, params: types.DidOpenTextDocumentParams
    ) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(
        self, params: types.DidCloseTextDocumentParams
    ) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class TactfulLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "tactful",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=TactfulProtocol,
        )
        self.documents: dict[str, OpenDocument] = {}
        self.settings = Settings()
        self.initialized = False

    # -- errors ---------------------------------------------------------------------------

    def report_server_error(self, error: Exception, source: Any) -> None:
        # pygls would show str(error) to the user; it may quote the payload. Log the type.
        log.error("protocol error: %s", type(error).__name__)
        if isinstance(error, json.JSONDecodeError):
            # JSON-RPC: a message that is not JSON is answered with a parse error, id null.
            self.protocol._send_data(
                {
                    "jsonrpc": "2.0",
                    "id": None,
                    "error": {
                        "code": types.ErrorCodes.ParseError.value,
                        "message": "the message is not JSON",
                    },
                }
            )

    def show(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"tactful: {message}"))

    # -- documents and checks -------------------------------------------------------------

    @property
    def encoding(self) -> Encoding:
        kind = self.workspace.position_encoding or "utf-16"
        negotiated = str(getattr(kind, "value", kind))
        return negotiated if negotiated in ("utf-8", "utf-32") else "utf-16"  # type: ignore[return-value]

    def document(self, uri: str) -> OpenDocument:
        if not self.initialized:
            raise ServerNotInitializedError("the server is not initialized")
        document = self.documents.get(uri)
        if document is None:
            log.warning("request for a document that is not open: %s", uri)
            raise JsonRpcInvalidParams(f"{uri} is not open (send textDocument/didOpen first)")
        return document

    def workspace_root(self, path: Path | None) -> Path | None:
        folders = [
            Path(folder_path)
            for folder in (self.workspace.folders or {}).values()
            if (folder_path := to_fs_path(folder.uri))
        ]
        if self.workspace.root_path:
            folders.append(Path(self.workspace.root_path))
        if path is not None:
            for folder in folders:
                if path.is_relative_to(folder):
                    return folder
        return folders[0] if folders else None

    def schedule_check(self, document: OpenDocument, delay: float) -> None:
        if document.pending is not None:
            document.pending.cancel()
        document.pending = asyncio.get_running_loop().create_task(
            self._check_and_publish(document, delay)
        )

    async def _check_and_publish(self, document: OpenDocument, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if self.documents.get(document.uri) is not document:
            return  # closed meanwhile
        await self.ensure_checked(document)
        if self.documents.get(document.uri) is document:  # not closed while it was checked
            self.publish(document)

    async def ensure_checked(self, document: OpenDocument) -> CheckOutcome:
        """The outcome for the document's current text, checking it if need be."""
        while document.outcome_generation != document.generation or document.outcome is None:
            generation = document.generation
            future = document.in_flight.get(generation)
            if future is None:
                loop = asyncio.get_running_loop()
                future = loop.run_in_executor(
                    self.thread_pool,
                    self._check_text,
                    document.uri,
                    document.text,
                    document.path,
                    self.settings,
                )
                document.in_flight[generation] = future
            try:
                outcome = await asyncio.shield(future)
            finally:
                document.in_flight.pop(generation, None)
            if generation == document.generation:
                document.outcome, document.outcome_generation = outcome, generation
                if outcome.failed_rules:
                    self.show(
                        f"rule(s) {', '.join(outcome.failed_rules)} failed on this message "
                        "and were skipped; the server log has the details",
                        types.MessageType.Error,
                    )
        return document.outcome

    def _check_text(
        self, uri: str, text: str, path: Path | None, settings: Settings
    ) -> CheckOutcome:
        """Runs in a worker thread. Logs carry the document's URI, never its text."""
        try:
            start = path or self.workspace_root(None) or Path.cwd()
            config = settings.config_for(Config.discover(start))
            rule_set = RuleSet.for_config(config)
            context = settings.context_with(recipient=_recipient_from_headers(rule_set, text))
            failed: list[str] = []
            while True:
                try:
                    report = check_message(text, context=context, config=config)
                except RuleFailedError as error:
                    log.error(
                        "rule %s raised %s checking %s%s",
                        error.code,
                        type(error.error).__name__,
                        uri,
                        "".join(traceback.format_tb(error.error.__traceback__)[-1:]).rstrip(),
                    )
                    failed.append(error.code)
                    if len(failed) >= MAX_FAILED_RULES:
                        return CheckOutcome(text, error="too many rules failed; see the log")
                    config = config.merged(ignore=(*config.ignore, error.code))
                    continue
                rules = RuleSet.for_config(config).registry.rules
                return CheckOutcome(text, report, rules, failed_rules=tuple(failed))
        except MessageTooLargeError as error:
            log.warning(
                "%s not checked: %d characters, over max-chars %d",
                uri,
                error.length,
                error.max_chars,
            )
            return CheckOutcome(text, error=f"not checked: {error}")
        except InputError as error:
            if not text.strip():
                return CheckOutcome(text)  # an empty buffer: nothing to say
            log.warning("%s not checked: %s", uri, error)
            return CheckOutcome(text, error=f"not checked: {error}")
        except ConfigError as error:
            log.warning("%s not checked: config error: %s", uri, error)
            return CheckOutcome(text, error=f"config error: {error}")
        except TactfulError as error:
            log.error("%s not checked: %s", uri, type(error).__name__)
            return CheckOutcome(text, error=f"not checked: {error}")
        except Exception as error:
            # An exception's message may quote the text: log its type and where it came from.
            log.error(
                "%s not checked: unexpected %s\n%s",
                uri,
                type(error).__name__,
                "".join(traceback.format_tb(error.__traceback__)),
            )
            return CheckOutcome(text, error=f"not checked: internal error ({type(error).__name__})")

    def visible(self, document: OpenDocument) -> list[tuple[Finding, FindingKey]]:
        outcome = document.outcome
        if outcome is None or outcome.report is None:
            return []
        findings = outcome.report.findings
        return [
            (finding, key)
            for finding, key in zip(findings, finding_keys(findings), strict=True)
            if key not in document.ignored
        ]

    def publish(self, document: OpenDocument) -> None:
        outcome = document.outcome
        if outcome is None or document.outcome_generation != document.generation:
            return
        diagnostics: list[types.Diagnostic] = []
        if outcome.error is not None:
            diagnostics.append(
                types.Diagnostic(
                    range=types.Range(
                        start=types.Position(line=0, character=0),
                        end=types.Position(line=0, character=0),
                    ),
                    severity=types.DiagnosticSeverity.Warning,
                    code=NOT_CHECKED_CODE,
                    source=SOURCE,
                    message=outcome.error,
                )
            )
        elif outcome.report is not None:
            report = outcome.report
            mapper = PositionMapper(outcome.text, self.encoding)
            visible = self.visible(document)
            if self.settings.score_diagnostic:
                diagnostics.append(score_diagnostic(report, len(report.findings) - len(visible)))
            diagnostics.extend(
                to_diagnostic(finding, key, outcome.rules.get(finding.code), mapper)
                for finding, key in visible
            )
            self.protocol.notify(
                SCORE_NOTIFICATION,
                {
                    "uri": document.uri,
                    "version": document.version,
                    "score": report.score,
                    "verdict": report.verdict,
                    "subscores": report.subscores,
                    "findings": len(visible),
                },
            )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=document.uri, diagnostics=diagnostics, version=document.version
            )
        )

    def recheck_all(self) -> None:
        for document in self.documents.values():
            document.generation += 1  # the text is the same but the settings are not
            self.schedule_check(document, 0)

    # -- edits ----------------------------------------------------------------------------

    def workspace_edit(
        self, document: OpenDocument, edits: Sequence[types.TextEdit]
    ) -> types.WorkspaceEdit:
        supports_document_changes = bool(
            self.client_capabilities.workspace
            and self.client_capabilities.workspace.workspace_edit
            and self.client_capabilities.workspace.workspace_edit.document_changes
        )
        if supports_document_changes:
            return types.WorkspaceEdit(
                document_changes=[
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(
                            uri=document.uri, version=document.version
                        ),
                        edits=list(edits),
                    )
                ]
            )
        return types.WorkspaceEdit(changes={document.uri: list(edits)})

    def code_actions(
        self, document: OpenDocument, requested: types.Range, only: Sequence[str] | None
    ) -> list[types.CodeAction]:
        outcome = document.outcome
        if outcome is None or outcome.report is None:
            return []
        mapper = PositionMapper(outcome.text, self.encoding)
        start = mapper.offset(requested.start.line, requested.start.character)
        end = mapper.offset(requested.end.line, requested.end.character)
        actions: list[types.CodeAction] = []
        visible = self.visible(document)
        for finding, key in visible:
            if not (finding.start <= end and start <= finding.end):
                continue
            diagnostic = to_diagnostic(finding, key, outcome.rules.get(finding.code), mapper)
            for index, fix in enumerate(applicable_fixes(finding)):
                actions.append(
                    types.CodeAction(
                        title=f"{fix.title} ({finding.code})",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        is_preferred=index == 0 and fix.applicability is Applicability.SAFE,
                        edit=self.workspace_edit(document, text_edits(fix, mapper)),
                    )
                )
            actions.append(
                types.CodeAction(
                    title=f"Ignore this {finding.code} finding (this session)",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    command=types.Command(
                        title="Ignore this finding",
                        command=IGNORE_FINDING_COMMAND,
                        arguments=[document.uri, list(key)],
                    ),
                )
            )
            actions.append(
                types.CodeAction(
                    title=f"Ignore {finding.code} ({finding.name}) in this workspace",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    command=types.Command(
                        title="Ignore this rule in this workspace",
                        command=IGNORE_RULE_COMMAND,
                        arguments=[document.uri, finding.code],
                    ),
                )
            )
        fixed = apply_fixes(
            outcome.text, tuple(finding for finding, _ in visible), Applicability.SAFE
        )
        if fixed != outcome.text:
            edit_start, edit_end, replacement = minimal_edit(outcome.text, fixed)
            actions.append(
                types.CodeAction(
                    title="Fix all safe tactful issues in this message",
                    kind=FIX_ALL_KIND,
                    edit=self.workspace_edit(
                        document,
                        [
                            types.TextEdit(
                                range=to_range(mapper, edit_start, edit_end), new_text=replacement
                            )
                        ],
                    ),
                )
            )
        if only:
            actions = [
                action
                for action in actions
                if any(
                    str(action.kind) == kind or str(action.kind).startswith(f"{kind}.")
                    for kind in only
                )
            ]
        return actions


def _recipient_from_headers(rule_set: RuleSet, text: str) -> str | None:
    """The display name in a mail document's single To: header ("Dr. Ana Patel")."""
    try:
        header = rule_set.parse(text).header("to")
    except TactfulError:
        return None
    if header is None:
        return None
    addresses = email.utils.getaddresses([header.value])
    if len(addresses) != 1:
        return None
    name = addresses[0][0].strip()
    return name or None


def apply_content_change(
    text: str, change: types.TextDocumentContentChangeEvent, encoding: Encoding
) -> str:
    if isinstance(change, types.TextDocumentContentChangePartial):
        mapper = PositionMapper(text, encoding)
        start = mapper.offset(change.range.start.line, change.range.start.character)
        end = mapper.offset(change.range.end.line, change.range.end.character)
        return text[:start] + change.text + text[max(start, end) :]
    return change.text


def _string_argument(arguments: Sequence[Any] | None, index: int, name: str) -> str:
    if not arguments or len(arguments) <= index or not isinstance(arguments[index], str):
        raise JsonRpcInvalidParams(f"argument {index + 1} ({name}) must be a string")
    value: str = arguments[index]
    return value


def make_server() -> TactfulLanguageServer:
    server = TactfulLanguageServer()

    initialization_options: dict[str, Any] = {}

    def apply_settings(raw: Any, *, initialization: bool = False) -> None:
        nonlocal initialization_options
        try:
            if initialization:
                server.settings = parse_settings(raw)
                initialization_options = normalise(raw)
            else:
                server.settings = parse_settings(layered(initialization_options, raw))
        except ConfigError as error:
            log.warning("editor settings rejected: %s", error)
            server.show(f"settings not applied: {error}", types.MessageType.Error)

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        apply_settings(params.initialization_options, initialization=True)

    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        server.initialized = True
        log.info("initialized; position encoding %s", server.encoding)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        if not server.initialized:
            log.warning("didOpen before the session was initialized ignored: %s", item.uri)
            return
        previous = server.documents.get(item.uri)
        document = OpenDocument(item.uri, item.text, item.version)
        if previous is not None:  # opened twice: keep the session's ignores
            document.ignored = previous.ignored
            if previous.pending:
                previous.pending.cancel()
        server.documents[item.uri] = document
        server.schedule_check(document, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        document = server.documents.get(params.text_document.uri)
        if document is None:
            log.warning(
                "change to a document that is not open ignored: %s", params.text_document.uri
            )
            return
        for change in params.content_changes:
            document.text = apply_content_change(document.text, change, server.encoding)
        document.version = params.text_document.version
        document.generation += 1
        server.schedule_check(document, server.settings.debounce_seconds)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=True))
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        document = server.documents.get(params.text_document.uri)
        if document is None:
            log.warning("save of a document that is not open ignored: %s", params.text_document.uri)
            return
        if params.text is not None and params.text != document.text:
            document.text = params.text
            document.generation += 1
        server.schedule_check(document, 0)  # saved: no reason to wait

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        document = server.documents.pop(params.text_document.uri, None)
        if document is None:
            return
        if document.pending is not None:
            document.pending.cancel()
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=document.uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        pull = (
            server.client_capabilities.workspace
            and server.client_capabilities.workspace.configuration
        )
        if not settings and pull:  # the pull model: ask for the section
            try:
                answer = await server.workspace_configuration_async(
                    types.ConfigurationParams(items=[types.ConfigurationItem(section="tactful")])
                )
                settings = answer[0] if answer else None
            except Exception as error:
                log.warning("workspace/configuration failed: %s", type(error).__name__)
        apply_settings(settings)
        server.recheck_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        document = server.document(params.text_document.uri)
        outcome = await server.ensure_checked(document)
        if outcome.error is not None:
            raise RequestFailedError(outcome.error)
        return server.code_actions(document, params.range, params.context.only)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(params: types.HoverParams) -> types.Hover | None:
        document = server.document(params.text_document.uri)
        outcome = await server.ensure_checked(document)
        if outcome.error is not None:
            raise RequestFailedError(outcome.error)
        mapper = PositionMapper(outcome.text, server.encoding)
        offset = mapper.offset(params.position.line, params.position.character)
        under = [
            finding
            for finding, _ in server.visible(document)
            if finding.start <= offset < finding.end or finding.start == offset == finding.end
        ]
        if not under:
            return None
        sections = [hover_markdown(finding, outcome.rules.get(finding.code)) for finding in under]
        first = under[0]
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value="\n---\n\n".join(sections)
            ),
            range=to_range(mapper, first.start, first.end),
        )

    @server.command(IGNORE_FINDING_COMMAND)
    def ignore_finding(*arguments: Any) -> None:
        uri = _string_argument(arguments, 0, "document URI")
        key = arguments[1] if len(arguments) > 1 else None
        if not (
            isinstance(key, list)
            and len(key) == 3
            and isinstance(key[0], str)
            and isinstance(key[1], str)
            and isinstance(key[2], int)
        ):
            raise JsonRpcInvalidParams("argument 2 must be a finding key [code, text, index]")
        document = server.document(uri)
        document.ignored.add((key[0], key[1], key[2]))
        server.publish(document)

    @server.command(IGNORE_RULE_COMMAND)
    async def ignore_rule_in_workspace(*arguments: Any) -> dict[str, str]:
        uri = _string_argument(arguments, 0, "document URI")
        code = _string_argument(arguments, 1, "rule code")
        document = server.document(uri)
        path = document.path
        root = server.workspace_root(path)
        if path is None and root is None:
            raise RequestFailedError("this document has no folder for a config file")
        start = path or root
        assert start is not None
        try:
            target = await asyncio.get_running_loop().run_in_executor(
                server.thread_pool, ignore_rule, start, root, code.upper()
            )
        except (ConfigError, OSError) as error:
            log.warning("could not ignore %s: %s", code, error)
            raise RequestFailedError(f"could not ignore {code}: {error}") from None
        log.info("%s added to ignore in %s", code.upper(), target)
        server.show(f"{code.upper()} is now ignored in {target}", types.MessageType.Info)
        server.recheck_all()
        return {"path": str(target)}

    return server


def start_stdio(server_factory: Callable[[], TactfulLanguageServer] = make_server) -> None:
    server_factory().start_io()
