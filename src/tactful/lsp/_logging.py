"""Logging for the language server: to stderr, and never with the text of a message.

pygls logs whole JSON-RPC payloads (document text included) at info level and puts them
in error messages too, so records from any logger but tactful's own are cut down to their
template, without arguments or tracebacks, before they are written.
"""

from __future__ import annotations

import logging
import sys

import regex

_PLACEHOLDER = regex.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdrfixXc]")


class WithholdDetails(logging.Filter):
    """Keeps a foreign record's template and exception type; drops its arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "tactful" or record.name.startswith("tactful."):
            return True
        template = _PLACEHOLDER.sub("<withheld>", str(record.msg)).replace("\n", " ")
        if record.exc_info and record.exc_info[0] is not None:
            template += f" ({record.exc_info[0].__name__})"
        record.msg, record.args = template, None
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def configure(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("tactful-lsp %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(WithholdDetails())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # pygls's info and debug records are payload dumps; its warnings are worth keeping.
    logging.getLogger("pygls").setLevel(max(logging.WARNING, root.level))
