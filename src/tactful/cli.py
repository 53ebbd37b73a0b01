"""The ``tactful`` command: check drafts, list and explain rules, validate packs, and
guard outgoing mail (``tactful sendmail``, ``tactful hook git-sendemail``).

Exit status: 0 nothing blocks; 1 something blocks; 2 a usage, config or input error
(one line on standard error naming what is wrong).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TextIO

from tactful._errors import ConfigError, InputError, TactfulError

if TYPE_CHECKING:
    from tactful._config import Config
    from tactful._context import Context
    from tactful._inputs import Draft
    from tactful._model import Applicability, Report
    from tactful.reporting import CheckedMessage

EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_ERROR = 2
FAIL_ON_CHOICES = ("error", "warning", "info", "never")


class UsageError(Exception):
    """A command-line mistake: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line instead of argparse's usage block: easy to read in a mail client or CI log.
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _comma_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", metavar="PATH", type=Path, help="use this config file instead of discovery"
    )
    parser.add_argument(
        "--isolated", action="store_true", help="ignore every config file: use the defaults"
    )


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """The options that choose rules and the blocking threshold (check, sendmail, hook)."""
    _add_config_options(parser)
    parser.add_argument(
        "--select",
        type=_comma_list,
        action="extend",
        metavar="RULES",
        help="codes, prefixes, names or categories to run, comma-separated (replaces the config's)",
    )
    parser.add_argument(
        "--extend-select", type=_comma_list, action="extend", metavar="RULES", help="run these too"
    )
    parser.add_argument(
        "--ignore", type=_comma_list, action="extend", metavar="RULES", help="skip these"
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON_CHOICES,
        help="the lowest severity that blocks (default: the config's, else warning)",
    )
    parser.add_argument(
        "--min-score", type=int, metavar="N", help="block when the score is below N (0-100)"
    )


def add_context_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("what the message does not say itself")
    group.add_argument("--recipient", help='who the note is for: "Dr. Ana Patel"')
    group.add_argument("--position", help="the position you interviewed for")
    group.add_argument("--organization", help="the lab, hospital or company")
    group.add_argument("--interview-at", metavar="WHEN", help="ISO date or date-time")
    group.add_argument("--sent-at", metavar="WHEN", help="when you will send it (ISO date-time)")
    group.add_argument("--kind", choices=("thank_you", "status_followup"))
    group.add_argument(
        "--topic", action="append", default=[], help="something you discussed (repeatable)"
    )
    group.add_argument(
        "--first-name-ok", action="store_true", help="the recipient invited first-name use"
    )


def build_parser() -> argparse.ArgumentParser:
    from tactful._version import __version__

    parser = _Parser(
        prog="tactful",
        description="Check the follow-up email you wrote after a lab-technician interview.",
    )
    parser.add_argument("--version", action="version", version=f"tactful {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser(
        "check",
        help="check drafts (.eml, .txt, .md), folders of them, or - for standard input",
        description="Check drafts and report what reads as unprofessional.",
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files, folders, or - (default: standard input)"
    )
    check.add_argument(
        "--stdin-filename", metavar="NAME", help="the name standard input is shown and read as"
    )
    check.add_argument(
        "--format",
        default="full",
        choices=("full", "concise", "json", "jsonl", "sarif", "github"),
        help="output format (default: full)",
    )
    add_selection_options(check)
    check.add_argument(
        "--statistics", action="store_true", help="count findings per rule instead of listing them"
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print findings only: no scores or totals"
    )
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too"
    )
    check.add_argument(
        "--diff", action="store_true", help="show what --fix would change; change nothing"
    )
    check.add_argument(
        "--interactive",
        action="store_true",
        help="ask for the recipient, position and interview date when not given",
    )
    add_context_options(check)

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("table", "json"), default="table")
    _add_config_options(rules)

    explain = commands.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("rule", metavar="CODE|NAME")
    _add_config_options(explain)

    packs = commands.add_parser("packs", help="work with rule packs")
    pack_commands = packs.add_subparsers(dest="pack_command", required=True, parser_class=_Parser)
    pack_check = pack_commands.add_parser("check", help="validate a rule pack and run its examples")
    pack_check.add_argument("pack", metavar="DIR", type=Path)

    commands.add_parser(
        "sendmail",
        help="drop-in $sendmail: check, then pass the message to the real MTA",
        add_help=False,
    )
    commands.add_parser("hook", help="hooks for other programs (git-sendemail)", add_help=False)
    commands.add_parser(
        "batch", help="check many messages: tactful batch IN.jsonl -o OUT.jsonl", add_help=False
    )
    commands.add_parser(
        "lsp", help="run the language server over stdio (needs tactful[lsp])", add_help=False
    )
    return parser


# --- configuration -------------------------------------------------------------------


@dataclass
class ConfigResolver:
    """The config for each checked path: discovered, or --config, or defaults (--isolated),
    with the command-line selection laid over it."""

    config_path: Path | None = None
    isolated: bool = False
    select: Sequence[str] | None = None
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    _cache: dict[Path | None, Config] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> ConfigResolver:
        if args.config is not None and args.isolated:
            raise UsageError("--config and --isolated cannot be used together")
        return cls(
            config_path=args.config,
            isolated=args.isolated,
            select=getattr(args, "select", None),
            extend_select=getattr(args, "extend_select", None) or (),
            ignore=getattr(args, "ignore", None) or (),
        )

    def for_path(self, path: Path | None) -> Config:
        from tactful._config import Config, find_config_file, user_config_path

        key: Path | None = None
        if self.config_path is None and not self.isolated:
            found = find_config_file(path if path is not None else Path.cwd())
            key = found[0] if found else None
        if key in self._cache:
            return self._cache[key]
        if self.isolated:
            base = Config()
        elif self.config_path is not None:
            if not self.config_path.is_file():
                raise ConfigError("no such config file", path=str(self.config_path))
            table = ("tool", "tactful") if self.config_path.name == "pyproject.toml" else ()
            base = Config.from_toml(self.config_path, table=table)
        elif key is not None:
            base = Config.from_toml(key, table=found[1] if found else ())
        else:
            user = user_config_path()
            base = Config.from_toml(user) if user.is_file() else Config()
        overrides: dict[str, Any] = {}
        if self.select is not None:
            overrides["select"] = tuple(self.select)
        if self.extend_select:
            overrides["extend_select"] = (*base.extend_select, *self.extend_select)
        if self.ignore:
            overrides["ignore"] = (*base.ignore, *self.ignore)
        config = base.merged(**overrides) if overrides else base
        self._cache[key] = config
        return config


def build_context(args: argparse.Namespace) -> Context:
    from pydantic import ValidationError

    from tactful._context import Context

    values = {
        "recipient": args.recipient,
        "position": args.position,
        "organization": args.organization,
        "interview_at": args.interview_at,
        "sent_at": args.sent_at,
        "kind": args.kind,
        "topics": tuple(args.topic),
        "first_name_ok": args.first_name_ok,
    }
    try:
        return Context.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as error:
        first = error.errors()[0]
        field_name = str(first["loc"][0]) if first["loc"] else "context"
        option = "--" + field_name.replace("_", "-")
        if field_name in ("interview_at", "sent_at"):
            raise UsageError(
                f"{option}: {values[field_name]!r} is not an ISO 8601 date or date-time "
                "(like 2026-11-20 or 2026-11-20T10:00-05:00)"
            ) from None
        raise UsageError(f"{option}: {first['msg']}") from None


def blocking_threshold(args: argparse.Namespace, config: Config) -> tuple[str, int | None]:
    fail_on = args.fail_on or str(config.fail_on)
    min_score = args.min_score if args.min_score is not None else config.min_score
    if min_score is not None and not 0 <= min_score <= 100:
        raise UsageError("--min-score must be between 0 and 100")
    return fail_on, min_score


# --- tactful check ---------------------------------------------------------------------


def _read_stdin(name: str, interactive_prompt: bool) -> bytes:
    if sys.stdin is None:
        raise InputError("no standard input to read")
    if interactive_prompt and sys.stdin.isatty():
        end = "Ctrl-Z then Enter" if sys.platform == "win32" else "Ctrl-D on a new line"
        print(f"Paste your draft, then press {end}.", file=sys.stderr)
    return sys.stdin.buffer.read()


def _ask(stream: IO[str], question: str) -> str:
    print(question, end="", file=sys.stderr, flush=True)
    line = stream.readline()
    if not line:
        raise UsageError("--interactive: no answer (standard input ended)")
    return line.strip()


@dataclass
class _Answers:
    """Where --interactive reads answers: standard input, or the terminal when the draft
    itself came through standard input. Chosen on the first question, once."""

    stdin_consumed: Callable[[], bool]
    stream: IO[str] | None = None

    def get(self) -> IO[str]:
        if self.stream is None:
            if not self.stdin_consumed() and sys.stdin is not None:
                self.stream = sys.stdin  # a terminal, or answers piped in by a script
            else:
                try:
                    self.stream = open("/dev/tty", encoding="utf-8")  # noqa: SIM115
                except OSError:
                    raise UsageError(
                        "--interactive needs a terminal to ask its questions"
                    ) from None
        return self.stream


def ask_missing_context(
    context: Context, report: Report, answers: Callable[[], IO[str]]
) -> Context:
    """Ask for what neither the flags nor the message's headers give; blank skips."""
    from pydantic import ValidationError

    updates: dict[str, Any] = {}
    to = next((h for h in report.parts.headers if h.name == "To"), None)
    recipient_known = context.recipient is not None or (to is not None and "<" in to.value)
    if not recipient_known and (
        answer := _ask(answers(), "Recipient (for example Dr. Ana Patel), blank to skip: ")
    ):
        updates["recipient"] = answer
    if context.position is None and (
        answer := _ask(answers(), "Position you interviewed for, blank to skip: ")
    ):
        updates["position"] = answer
    if context.interview_at is None:
        for _ in range(3):
            answer = _ask(
                answers(), "Interview date (YYYY-MM-DD or YYYY-MM-DDTHH:MM), blank to skip: "
            )
            if not answer:
                break
            try:
                type(context).model_validate({"interview_at": answer})
            except (ValidationError, ValueError):
                print("That is not a date like 2026-11-20.", file=sys.stderr)
                continue
            updates["interview_at"] = answer
            break
    if not updates:
        return context
    return type(context).model_validate({**context.model_dump(exclude_unset=True), **updates})


@dataclass
class CheckOutcome:
    results: list[CheckedMessage] = field(default_factory=list)
    errors: int = 0
    blocked: int = 0
    changed: int = 0


class _SetUpGC:
    """Whether this process has paused the garbage collector for a check's set-up."""

    used = False
    paused = False


@contextmanager
def _gc_paused_for_set_up() -> Iterator[None]:
    """Pause the cyclic garbage collector until the first check has set up (once a process).

    Set-up (spaCy, the rules, their matchers) makes some 100,000 objects that live as long
    as the process. While they are made the collector walks them again and again, and at
    exit once more, finding nothing to free: about 0.2 s of a one-message run.
    ``_end_gc_pause`` (or leaving the block) resumes it.
    """
    if _SetUpGC.used or not gc.isenabled():
        yield
        return
    _SetUpGC.used = _SetUpGC.paused = True
    gc.disable()
    try:
        yield
    finally:
        _end_gc_pause()


def _end_gc_pause() -> None:
    if _SetUpGC.paused:
        _SetUpGC.paused = False
        # What set-up made stays for good: frozen, the collector never walks it again.
        gc.freeze()
        gc.enable()


def run_check(args: argparse.Namespace) -> int:
    with _gc_paused_for_set_up():
        return _run_check(args)


def _run_check(args: argparse.Namespace) -> int:
    from tactful._engine import check_message
    from tactful._inputs import expand_paths, make_draft, read_draft
    from tactful._model import Applicability
    from tactful._registry import build_registry
    from tactful.reporting import CheckedMessage

    resolver = ConfigResolver.from_args(args)
    context = build_context(args)
    if args.min_score is not None and not 0 <= args.min_score <= 100:
        raise UsageError("--min-score must be between 0 and 100")
    names = args.paths or ["-"]
    if names.count("-") > 1:
        raise UsageError("standard input (-) can be named only once")
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes needs --fix or --diff")
    applicability = Applicability.UNSAFE if args.unsafe_fixes else Applicability.SAFE
    fixing = args.fix or args.diff
    stdin_name = args.stdin_filename or "-"
    stdin_used = False
    stdin_output: bytes | None = None
    outcome = CheckOutcome()
    diffs: list[str] = []
    answers = _Answers(stdin_consumed=lambda: stdin_used)

    for name, path in expand_paths(names):
        shown = stdin_name if path is None else name
        try:
            if path is None:
                stdin_used = True
                draft = make_draft(shown, None, _read_stdin(shown, True))
            else:
                if not path.exists():
                    raise InputError("no such file or folder")
                draft = read_draft(path, shown)
            discovery_path = (
                path
                if path is not None
                else (Path(args.stdin_filename) if args.stdin_filename else None)
            )
            config = resolver.for_path(discovery_path)
            fail_on, min_score = blocking_threshold(args, config)
            item_context = context
            report = check_message(draft.message, context=item_context, config=config, id=shown)
            _end_gc_pause()
            if args.interactive:
                item_context = ask_missing_context(context, report, answers.get)
                if item_context is not context:
                    report = check_message(
                        draft.message, context=item_context, config=config, id=shown
                    )
            if fixing:
                report, changed = _fix_draft(
                    draft,
                    report,
                    item_context,
                    config,
                    applicability,
                    diffs,
                    write=args.fix and not args.diff,
                    quiet=args.quiet,
                )
                outcome.changed += changed is not None
                if path is None:
                    stdin_output = changed if changed is not None else draft.data
        except ConfigError as error:
            print(f"tactful: {error}", file=sys.stderr)
            return EXIT_ERROR
        except TactfulError as error:
            print(f"tactful: {shown}: {error}", file=sys.stderr)
            outcome.errors += 1
            continue
        registry = build_registry(config.packs, plugins=config.plugins)
        blocks = report.blocks(fail_on, min_score)
        outcome.blocked += blocks
        outcome.results.append(CheckedMessage(shown, report, registry.rules, blocks))

    if args.diff:
        out = sys.stdout
        for diff in diffs:
            out.write(diff)
        if outcome.errors:
            return EXIT_ERROR
        return EXIT_BLOCKED if outcome.changed else EXIT_OK

    # When --fix reads standard input, the fixed message owns standard output (a filter).
    report_stream: TextIO = sys.stdout
    if args.fix and stdin_output is not None:
        report_stream = sys.stderr
        sys.stdout.flush()
        sys.stdout.buffer.write(stdin_output)
        sys.stdout.buffer.flush()
    if outcome.results:
        write_results(outcome.results, args, report_stream)
    if outcome.errors:
        return EXIT_ERROR
    return EXIT_BLOCKED if outcome.blocked else EXIT_OK


def _fix_draft(
    draft: Draft,
    report: Report,
    context: Context,
    config: Config,
    applicability: Applicability,
    diffs: list[str],
    *,
    write: bool,
    quiet: bool,
) -> tuple[Report, bytes | None]:
    """Apply fixes until stable; write the file (atomically) when ``write``.

    Returns the report of the fixed message and its bytes, or None when nothing changed.
    """
    from tactful._engine import check_message
    from tactful._files import write_atomically
    from tactful._fixing import check_email_fixable, fix_until_stable
    from tactful._model import Applicability

    allowed = {Applicability.SAFE} | (
        {Applicability.UNSAFE} if applicability is Applicability.UNSAFE else set()
    )
    if not any(fix.applicability in allowed for f in report.findings for fix in f.fixes):
        return report, None
    if draft.is_email:
        check_email_fixable(draft.data)

    def check(message: str | bytes) -> Report:
        return check_message(message, context=context, config=config, id=draft.name)

    message, final = fix_until_stable(draft.message, report, check, applicability)
    if message == draft.message:
        return report, None
    if isinstance(message, bytes):
        new_bytes = message
    else:
        assert draft.encoding is not None  # a text draft always has one
        new_bytes = message.encode(draft.encoding)
    if diffs is not None and not write:
        import difflib

        diffs.append(
            "".join(
                difflib.unified_diff(
                    report.text.splitlines(keepends=True),
                    final.text.splitlines(keepends=True),
                    fromfile=draft.name,
                    tofile=f"{draft.name} (fixed)",
                )
            )
        )
        return final, new_bytes
    if write and draft.path is not None:
        try:
            write_atomically(draft.path, new_bytes)
        except OSError as error:
            raise InputError(f"cannot be written: {error.strerror or error}") from None
    if not quiet:
        fixed = max(len(report.findings) - len(final.findings), 0)
        print(
            f"tactful: {draft.name}: fixed {fixed} problem{'s' if fixed != 1 else ''}, "
            f"{len(final.findings)} remaining",
            file=sys.stderr,
        )
    return final, new_bytes


def write_results(results: list[CheckedMessage], args: argparse.Namespace, stream: TextIO) -> None:
    from tactful.reporting import OutputOptions, get_writer

    if args.statistics:
        write_statistics(results, args.format, stream)
        return
    color = (
        args.format == "full"
        and stream.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )
    get_writer(args.format)(results, stream, OutputOptions(color=color, quiet=args.quiet))
    stream.flush()


def write_statistics(results: list[CheckedMessage], format_name: str, stream: TextIO) -> None:
    """Findings per rule, most frequent first (Ruff's --statistics)."""
    counts: dict[str, list[Any]] = {}
    for result in results:
        for finding in result.report.findings:
            entry = counts.setdefault(finding.code, [finding.code, finding.name, 0, 0])
            entry[2] += 1
            entry[3] += bool(finding.fixes)
    rows = sorted(counts.values(), key=lambda row: (-row[2], row[0]))
    if format_name in ("json", "jsonl", "sarif"):
        import json

        data = [{"code": c, "name": n, "count": k, "fixable": f} for c, n, k, f in rows]
        stream.write(json.dumps(data, indent=2) + "\n")
        return
    width = max((len(str(row[2])) for row in rows), default=1)
    for code, name, count, fixable in rows:
        mark = "[*]" if fixable else "   "
        stream.write(f"{count:>{width}}  {code:<7} {mark} {name}\n")


# --- tactful rules / explain / packs check ---------------------------------------------


def _registry_for(args: argparse.Namespace) -> Any:
    from tactful._registry import build_registry

    config = ConfigResolver.from_args(args).for_path(None)
    return build_registry(config.packs, plugins=config.plugins)


def run_rules(args: argparse.Namespace) -> int:
    registry = _registry_for(args)
    rows = [
        {
            "code": rule.code,
            "name": rule.name,
            "category": rule.category,
            "severity": str(rule.severity),
            "fix": str(rule.fix_availability),
            "stability": str(rule.stability),
        }
        for rule in registry.rules.values()
    ]
    if args.format == "json":
        import json

        from tactful._docs import rule_doc_url

        for row, rule in zip(rows, registry.rules.values(), strict=True):
            row["url"] = rule_doc_url(rule)
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    headings = {key: key.upper() for key in rows[0]} if rows else {}
    widths = {key: max(len(str(row[key])) for row in [headings, *rows]) for key in headings}
    for row in [headings, *rows]:
        sys.stdout.write("  ".join(str(row[k]).ljust(widths[k]) for k in headings).rstrip() + "\n")
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    from tactful._docs import render_rule_markdown, rule_doc_url

    rule = _registry_for(args).get(args.rule)
    sys.stdout.write(render_rule_markdown(rule))
    sys.stdout.write(f"\nOnline: {rule_doc_url(rule)}\n")
    return EXIT_OK


def run_packs(args: argparse.Namespace) -> int:
    from tactful.packs import check_pack

    pack: Path = args.pack
    if not pack.exists():
        raise UsageError(f"{pack}: no such file or folder")
    problems = check_pack(pack)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{pack}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
        return EXIT_BLOCKED
    print(f"{pack}: the pack is valid and every example behaves as documented")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": run_check,
    "rules": run_rules,
    "explain": run_explain,
    "packs": run_packs,
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        # sendmail and hook pass arguments through untouched, so argparse never sees them.
        if arguments[:1] == ["sendmail"]:
            from tactful.presend import sendmail_main

            return int(sendmail_main(arguments[1:]))
        if arguments[:1] == ["hook"]:
            from tactful.presend import hook_main

            return int(hook_main(arguments[1:]))
        # batch and the language server have their own parsers, imported only when used.
        if arguments[:1] == ["batch"]:
            from tactful.batch import main as batch_main

            return batch_main(arguments[1:])
        if arguments[:1] == ["lsp"]:
            from tactful.lsp import main as lsp_main

            return lsp_main(arguments[1:])
        args = build_parser().parse_args(arguments)
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(f"tactful: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except TactfulError as error:
        print(f"tactful: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (tactful check | head): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BLOCKED
