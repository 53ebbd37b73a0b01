"""``tactful lsp`` and ``python -m tactful.lsp``: with and without the lsp extra."""

from __future__ import annotations

import subprocess
import sys

BLOCK_PYGLS = (
    "import sys; sys.modules['pygls'] = None; "  # an import of pygls now fails
    "from tactful.cli import main; sys.exit(main(['lsp']))"
)


def test_without_the_extra_it_says_how_to_install_it() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_PYGLS], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "pip install 'tactful[lsp]'" in result.stderr
    assert result.stdout == ""  # stdout belongs to the protocol


def test_module_entry_point_serves_and_exits_on_end_of_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tactful.lsp", "--stdio"],
        input=b"",
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout == b""


def test_cli_lists_the_lsp_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tactful", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "lsp" in result.stdout
