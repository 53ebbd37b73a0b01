"""``tactful lsp`` with EMO001 broken, for the test that a failing rule is survived.

The rule's exception quotes the message, as a careless plugin's might: the server must
not log it.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from tactful.checks.emoji_use import EmojiUse
from tactful.lsp import main
from tactful.rule import CheckContext


def broken_check(self: EmojiUse, ctx: CheckContext) -> NoReturn:
    raise ValueError(f"cannot handle {ctx.text!r}")


EmojiUse.check = broken_check  # type: ignore[method-assign, assignment]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
