"""The engine: read the message, select rules, run them, score, report.

Everything that can be built once (the pipeline, the registry, the rules' matchers) is
built once per process and per distinct config, then shared by every check.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from functools import cache, cached_property, lru_cache
from typing import Any, NamedTuple, TypeAlias

import regex
from pydantic import BaseModel

from tactful._config import Config
from tactful._context import Context
from tactful._errors import InputError, MessageTooLargeError, RuleFailedError, TactfulError
from tactful._message import ParsedMessage, message_from_bytes, parse_email, parse_text
from tactful._model import Finding, Fix, MessageKind, Report, Severity, Stability, Strength
from tactful._nlp import check_zone, get_pipeline, teach_tokenizer
from tactful._registry import Registry, build_registry
from tactful._scoring import score
from tactful._text import LineIndex, replace_lone_surrogates
from tactful.checks._words import DOC_TEXT_KEY
from tactful.packs._scan import fold
from tactful.rule import CheckContext, Resources, Rule, Violation

MessageInput: TypeAlias = str | bytes | Message
Item: TypeAlias = MessageInput | tuple[MessageInput, Context | None]

# spaCy's memory zones and string store are not safe to share between threads.
_check_lock = threading.RLock()
#: The context of a message checked without one (a Context is frozen: one serves all).
_NO_CONTEXT = Context()


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity | None  # a config override, else None


class RuleSet:
    """The rules one config runs, set up and ready for many messages."""

    def __init__(self, registry: Registry, config: Config, codes: Iterable[str]) -> None:
        self.registry = registry
        self.config = config
        self.nlp = get_pipeline(config.pipeline)
        self.resources = Resources(nlp=self.nlp, lexicons=registry.lexicons)
        overrides = _severity_overrides(registry, config)
        self.active: list[ActiveRule] = []
        for code in codes:
            rule_class = registry.rules[code]
            if rule_class.audiences is not None and config.audience not in rule_class.audiences:
                continue
            rule = rule_class(_rule_options(rule_class, config))
            rule.setup(self.resources)
            self.active.append(ActiveRule(rule, overrides.get(code)))
        cues = registry.lexicons.get("status-followup-cues", ())
        self._status_cue = (
            regex.compile(
                r"\b(?:" + "|".join(regex.escape(c) for c in cues) + r")\b", regex.IGNORECASE
            )
            if cues
            else None
        )
        # Every cue match contains the cue's letters, whatever their case: a cheap test
        # that rules out most messages (thank-you notes) before the regex runs.
        self._folded_cues = (
            tuple(sorted({cue.lower() for cue in cues})) if all(c.isascii() for c in cues) else ()
        )

    @classmethod
    def for_config(cls, config: Config) -> RuleSet:
        return rule_set_for_json(config.model_dump_json())

    def check(
        self, message: MessageInput, context: Context | None = None, id: str | None = None
    ) -> Report:
        parsed = self.parse(message)
        context = context if context is not None else _NO_CONTEXT
        with _check_lock:
            teach_tokenizer(self.nlp, parsed.prose_text)
            with check_zone(self.nlp):
                doc = self.nlp(parsed.prose_text)
                doc.user_data[DOC_TEXT_KEY] = parsed.prose_text
                kind = context.kind or self.infer_kind(parsed)
                ctx = CheckContext(
                    message=parsed,
                    doc=doc,
                    context=context,
                    config=self.config,
                    kind=kind,
                    resources=self.resources,
                    now=datetime.now().astimezone(),
                )
                drafts, strengths = self._run(ctx)
                word_count = ctx.body_words
        return build_report(parsed, drafts, strengths, kind, word_count, self.registry, id)

    def parse(self, message: MessageInput) -> ParsedMessage:
        closings = self.registry.lexicons.get("closings", ())
        max_chars = self.config.max_chars
        if isinstance(message, str):
            if len(message) > max_chars:
                raise MessageTooLargeError(len(message), max_chars)
            if not message.strip():
                raise InputError("the message is empty")
            return parse_text(replace_lone_surrogates(message), closings)
        if isinstance(message, bytes | bytearray):
            if len(message) > max_chars * 4:
                raise MessageTooLargeError(len(message), max_chars)
            parsed = parse_email(message_from_bytes(bytes(message)), closings)
        elif isinstance(message, Message):
            parsed = parse_email(message, closings)
        else:
            raise InputError(
                f"cannot check a {type(message).__name__}: give str, bytes or an EmailMessage"
            )
        if len(parsed.text) > max_chars:
            raise MessageTooLargeError(len(parsed.text), max_chars)
        if not parsed.text.strip():
            raise InputError("the message is empty")
        return _sanitised(parsed)

    def infer_kind(self, parsed: ParsedMessage) -> MessageKind:
        """A status follow-up asks where things stand; anything else is read as a thank-you."""
        if self._status_cue is None:
            return "thank_you"
        subject = parsed.header("subject")
        body = parsed.parts.body
        haystack = (subject.value if subject else "") + "\n" + parsed.text[body.start : body.end]
        if self._folded_cues:
            folded = fold(haystack)
            if not any(
                word in folded and any(cue in folded for cue in cues)
                for word, cues in self._cues_by_word
            ):
                return "thank_you"
        return "status_followup" if self._status_cue.search(haystack) else "thank_you"

    @cached_property
    def _cues_by_word(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The folded cues, grouped under a word each of them holds."""
        return _grouped_by_word(self._folded_cues)

    def _run(self, ctx: CheckContext) -> tuple[list[_Draft], list[Strength]]:
        drafts: dict[tuple[str, int, int], _Draft] = {}
        strengths: list[Strength] = []
        text = ctx.text
        length = len(text)
        allowed = self._allowed
        for active in self.active:
            rule = active.rule
            try:
                results = list(rule.check(ctx))
            except TactfulError:
                raise
            except Exception as error:
                raise RuleFailedError(rule.code, error) from error
            for result in results:
                if isinstance(result, Strength):
                    strengths.append(result)
                    continue
                if not isinstance(result, Violation):
                    raise RuleFailedError(rule.code, TypeError(f"yielded {type(result).__name__}"))
                start, end = result.start, result.end
                if not 0 <= start <= end <= length:
                    raise RuleFailedError(
                        rule.code,
                        ValueError(f"span {start}:{end} is outside the text"),
                    )
                if rule.prose_only and not ctx.message.is_prose(start, end):
                    continue
                matched = text[start:end]
                if matched and matched.casefold() in allowed:
                    continue
                draft = _draft(rule, active.severity, result, matched)
                drafts.setdefault((draft.code, draft.start, draft.end), draft)
        return sorted(drafts.values(), key=lambda d: (d.start, d.code, d.end)), strengths

    @cached_property
    def _allowed(self) -> frozenset[str]:
        """The config's ``allowed-words``, case-folded: matches of these are not reported."""
        return frozenset(w.casefold() for w in self.config.allowed_words)


def _grouped_by_word(phrases: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The phrases grouped under a word that each phrase of its group contains.

    A text that holds a phrase holds its group's word, so a search for each word rules
    out most groups: ~8 searches instead of ~20 for the status cues. Each word is the one in
    most of the phrases left (the longest on a tie), not a stop word where there is a
    choice: few groups, and words seldom in a message.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    groups: list[tuple[str, tuple[str, ...]]] = []
    left = list(phrases)
    while left:
        words = {word for phrase in left for word in phrase.split() or [phrase]}
        words = {word for word in words if word not in STOP_WORDS} or words
        word = max(sorted(words), key=lambda w: (sum(w in phrase for phrase in left), len(w)))
        groups.append((word, tuple(phrase for phrase in left if word in phrase)))
        left = [phrase for phrase in left if word not in phrase]
    return tuple(groups)


class _Draft(NamedTuple):
    """A finding before scoring: its ``Finding`` is built once, with its penalty."""

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    help: str | None
    fixes: tuple[Fix, ...]


def _draft(rule: Rule, override: Severity | None, violation: Violation, matched: str) -> _Draft:
    # The fields in order, by position: keywords cost a tuple ~40% more, once per finding.
    draft = _Draft(
        rule.code,
        rule.name,
        rule.category,
        override or violation.severity or rule.severity,
        violation.message or rule.summary(),
        violation.start,
        violation.end,
        matched,
        violation.help,
        violation.fixes,
    )
    if _well_typed(draft):
        return draft
    # Anything else is validated (and coerced, or refused) as a Finding; its position in
    # lines is worked out later and cannot be wrong.
    checked = Finding(**draft._asdict(), line=1, column=1, end_line=1, end_column=1)
    return _Draft(**{name: getattr(checked, name) for name in _Draft._fields})


def _well_typed(draft: _Draft) -> bool:
    """Whether the draft holds exactly the types a ``Finding`` keeps as given."""
    return (
        type(draft.severity) is Severity
        and type(draft.start) is int
        and type(draft.end) is int
        and type(draft.code) is str
        and type(draft.name) is str
        and type(draft.category) is str
        and type(draft.message) is str
        and (draft.help is None or type(draft.help) is str)
        and type(draft.fixes) is tuple
        and (not draft.fixes or all(type(fix) is Fix for fix in draft.fixes))
    )


def build_report(
    parsed: ParsedMessage,
    drafts: list[_Draft],
    strengths: list[Strength],
    kind: MessageKind,
    word_count: int,
    registry: Registry,
    id: str | None,
) -> Report:
    result = score(drafts, list(registry.categories))
    index = LineIndex(parsed.text, parsed._line_starts or None)
    findings: list[Finding] = []
    for draft, penalty in zip(drafts, result.penalties, strict=True):
        values = draft._asdict()
        values["line"], values["column"] = index.line_col(draft.start)
        values["end_line"], values["end_column"] = index.line_col(draft.end)
        values["penalty"] = penalty
        findings.append(_validate_finding(values))
    unique_strengths: dict[str, Strength] = {}
    for strength in strengths:
        unique_strengths.setdefault(strength.name, strength)
    return _validate_report(
        {
            "id": id,
            "text": parsed.text,
            "kind": kind,
            "score": result.total,
            "verdict": result.verdict,
            "subscores": result.subscores,
            "findings": tuple(findings),
            "strengths": tuple(unique_strengths.values()),
            "parts": parsed.parts,
            "word_count": word_count,
        }
    )


# The models' own validators, as ``Model(**values)`` and ``model_validate`` call them, for
# the same models: called directly they cost ~1 µs less a finding and a report.
_validate_finding: Callable[[dict[str, Any]], Finding] = (
    Finding.__pydantic_validator__.validate_python
)
_validate_report: Callable[[dict[str, Any]], Report] = Report.__pydantic_validator__.validate_python


def _sanitised(parsed: ParsedMessage) -> ParsedMessage:
    text = replace_lone_surrogates(parsed.text)
    if text is parsed.text:
        return parsed
    return ParsedMessage(
        text=text,
        parts=parsed.parts,
        prose=parsed.prose,
        attachments=parsed.attachments,
        content_type=parsed.content_type,
        transfer_encoding=parsed.transfer_encoding,
        _header_map=parsed._header_map,
        _line_starts=parsed._line_starts,  # a surrogate's replacement is no line break
    )


def select_codes(registry: Registry, config: Config) -> list[str]:
    """Codes to run: select (default: every stable rule) plus extend-select, minus ignore.

    Preview rules run only when a selector names them by code or name.
    """
    chosen: set[str] = set()
    explicit: set[str] = set()
    if config.select is None:
        chosen = {c for c, r in registry.rules.items() if r.stability is not Stability.PREVIEW}
    for selector in (*(config.select or ()), *config.extend_select):
        codes, specificity = registry.resolve(selector)
        chosen |= codes
        if specificity >= 100:
            explicit |= codes
    for selector in config.ignore:
        chosen -= registry.resolve(selector)[0]
    return [
        code
        for code in sorted(chosen)
        if registry.rules[code].stability is not Stability.PREVIEW or code in explicit
    ]


def _severity_overrides(registry: Registry, config: Config) -> dict[str, Severity]:
    ranked: dict[str, tuple[int, Severity]] = {}
    for selector, severity in config.severity.items():
        codes, specificity = registry.resolve(selector)
        for code in codes:
            if code not in ranked or ranked[code][0] <= specificity:
                ranked[code] = (specificity, severity)
    return {code: severity for code, (_, severity) in ranked.items()}


def _rule_options(rule: type[Rule], config: Config) -> BaseModel:
    from pydantic import ValidationError

    from tactful._config import config_error_from

    values: dict[str, object] = {}
    for key in (rule.code, rule.name, rule.code.lower()):
        values.update(config.rules.get(key, {}))
    try:
        return rule.options_model.model_validate(values)
    except ValidationError as error:
        raise config_error_from(error, config.source, prefix=f"rules.{rule.name}") from None


@lru_cache(maxsize=8)
def rule_set_for_json(config_json: str) -> RuleSet:
    """The rule set for a config given as JSON (the cache key; what worker processes get)."""
    config = Config.model_validate_json(config_json)
    registry = build_registry(config.packs, plugins=config.plugins)
    for key in config.rules:
        registry.get(key)  # an options table for a rule that does not exist is a mistake
    return RuleSet(registry, config, select_codes(registry, config))


def check_message(
    message: MessageInput,
    *,
    context: Context | None = None,
    config: Config | None = None,
    id: str | None = None,
) -> Report:
    """Check one message: a draft ``str``, RFC 822 ``bytes`` or an ``EmailMessage``.

    Raises a :class:`TactfulError` subclass for input it cannot read, a bad config,
    or a rule that fails. Thread-safe, deterministic, offline.
    """
    rule_set = (
        RuleSet.for_config(config)
        if config is not None
        else rule_set_for_json(_default_config_json())
    )
    return rule_set.check(message, context, id)


@cache
def _default_config_json() -> str:
    """The default config as JSON, made once: making and dumping a Config costs ~30 µs,
    2-3% of a check."""
    return Config().model_dump_json()


def check_messages(
    items: Iterable[Item],
    *,
    context: Context | None = None,
    config: Config | None = None,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[Report]:
    """Check many messages, yielding their reports in input order.

    ``items`` are messages or ``(message, context)`` pairs; ``context`` is the default.
    Input is read lazily and memory stays constant however many messages there are.

    With ``n_process=1`` (the default) messages are checked in this process. With more
    (``-1``: one per CPU) they are checked in that many worker processes, ``batch_size``
    messages at a time; each worker sets the rules up once. The first message that
    cannot be checked raises its :class:`TactfulError` when its turn comes, as in one
    process. Worker processes are started with ``spawn``, so a script that calls this
    with ``n_process > 1`` needs the usual ``if __name__ == "__main__":`` guard.
    """
    from tactful._parallel import resolve_workers

    config = config or Config()
    # Checked now, not when the first report is asked for.
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if resolve_workers(n_process) == 1:
        return _check_here(items, context, config)
    return _check_in_workers(items, context, config, resolve_workers(n_process), batch_size)


def _check_in_workers(
    items: Iterable[Item], context: Context | None, config: Config, workers: int, batch_size: int
) -> Iterator[Report]:
    from tactful._parallel import CheckFailure, check_jobs

    # Set up here first: a bad config raises in the caller, not in every worker.
    RuleSet.for_config(config)
    jobs = (_job(item, context) for item in items)
    for outcome in check_jobs(jobs, config, n_process=workers, batch_size=batch_size):
        if isinstance(outcome, CheckFailure):
            raise outcome.to_error()
        yield Report.model_validate_json(outcome)


def _check_here(items: Iterable[Item], context: Context | None, config: Config) -> Iterator[Report]:
    rule_set = RuleSet.for_config(config)
    for item in items:
        message, item_context, _ = _job(item, context)
        yield rule_set.check(message, item_context)


def _job(item: Item, context: Context | None) -> tuple[MessageInput, Context | None, None]:
    if isinstance(item, tuple):
        message, item_context = item
        return message, item_context or context, None
    return item, context, None


def run_examples(registry: Registry, rule: type[Rule]) -> list[str]:
    """Run a rule's docs examples; returns what went wrong (empty when they all pass)."""
    problems: list[str] = []
    config = Config(select=(rule.code,), plugins=False)
    rule_set = RuleSet(registry, config, [rule.code])
    if not rule_set.active:
        return problems  # the rule speaks for another audience
    try:
        docs = rule.docs()
    except ValueError as error:
        return [str(error)]
    if not docs.bad or not docs.good:
        problems.append(f"{rule.code} needs at least one bad and one good example")
    for example in docs.examples:
        try:
            message: MessageInput = (
                example.text.encode("utf-8") if rule.examples_are_emails else example.text
            )
            report = rule_set.check(message, example.context)
        except TactfulError as error:
            problems.append(f"{rule.code} example raised {error}")
            continue
        hits = [f for f in report.findings if f.code == rule.code]
        if example.bad and not hits:
            problems.append(f"{rule.code} did not flag its bad example: {example.text!r}")
        if not example.bad and hits:
            problems.append(
                f"{rule.code} flagged its good example at {hits[0].text!r}: {example.text!r}"
            )
    return problems
