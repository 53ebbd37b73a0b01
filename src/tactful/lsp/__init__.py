"""``tactful lsp``: the language server (needs the ``lsp`` extra: ``pip install 'tactful[lsp]'``).

Nothing here imports pygls until :func:`main` runs, so ``tactful`` works without the extra
and says how to install it.
"""

from __future__ import annotations

import argparse
import sys

INSTALL_HINT = "tactful lsp needs the lsp extra: pip install 'tactful[lsp]'"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tactful lsp",
        description="Run the tactful language server over stdio (see docs/editors.md).",
    )
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="accepted for clients that pass it; stdio is the only transport",
    )
    parser.add_argument(
        "--log-level",
        default="warning",
        choices=["debug", "info", "warning", "error"],
        help="what to log to stderr (never message text); default: warning",
    )
    args = parser.parse_args(argv)
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    from tactful.lsp._logging import configure
    from tactful.lsp._server import start_stdio

    configure(args.log_level)
    start_stdio()
    return 0
