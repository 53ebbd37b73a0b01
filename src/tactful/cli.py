"""The ``tactful`` command. (A first cut: ``tactful check PATH``; formats come with the CLI issue.)"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tactful._config import Config
from tactful._engine import check_message
from tactful._errors import TactfulError


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["lsp"]:  # the language server parses its own options
        from tactful.lsp import main as lsp_main

        return lsp_main(argv[1:])
    if argv[:1] == ["batch"]:
        # Its own module and parser (tactful.batch), imported only when used.
        from tactful.batch import main as batch_main

        return batch_main(argv[1:])
    parser = argparse.ArgumentParser(prog="tactful", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check email drafts")
    check.add_argument("paths", nargs="+", type=Path)
    check.add_argument(
        "--fail-on", default="warning", choices=["error", "warning", "info", "never"]
    )
    commands.add_parser("lsp", help="run the language server over stdio (tactful[lsp])")
    commands.add_parser(
        "batch", add_help=False, help="check many messages: tactful batch IN.jsonl -o OUT.jsonl"
    )
    args = parser.parse_args(argv)
    status = 0
    for path in args.paths:
        try:
            config = Config.discover(path)
            data = path.read_bytes()
            message: str | bytes = data if path.suffix == ".eml" else data.decode("utf-8")
            report = check_message(message, config=config, id=str(path))
        except (OSError, UnicodeDecodeError, TactfulError) as error:
            print(f"tactful: {path}: {error}", file=sys.stderr)
            return 2
        for finding in report.findings:
            print(f"{path}:{finding.line}:{finding.column}: {finding.code} {finding.message}")
        print(f"{path}: score {report.score}/100, {report.verdict}")
        if report.blocks(args.fail_on):
            status = 1
    return status
