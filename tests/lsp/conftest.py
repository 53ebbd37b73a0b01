"""A real ``tactful lsp`` process per test module and recorded client, driven by pytest-lsp."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, client_capabilities
from tests.lsp.lsp_helpers import (
    CLIENT_ENCODINGS,
    SERVER_COMMAND,
    RecordingClient,
    make_recording_client,
    server_env,
)

_CONFIG_HOME = Path(tempfile.mkdtemp(prefix="tactful-lsp-config-home-"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty workspace folder (documents live in per-test folders below it)."""
    return tmp_path_factory.mktemp("workspace")


@pytest_lsp.fixture(
    scope="module",
    params=list(CLIENT_ENCODINGS),
    config=ClientServerConfig(
        server_command=SERVER_COMMAND,
        client_factory=make_recording_client,
        server_env=server_env(_CONFIG_HOME),
    ),
)
async def client(lsp_client: RecordingClient, request: pytest.FixtureRequest, workspace: Path):
    capabilities = client_capabilities(request.param)
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="drafts")],
            initialization_options={"tactful": {"debounce-ms": 20}},
        )
    )
    lsp_client.encoding = str(result.capabilities.position_encoding or "utf-16")  # type: ignore[attr-defined]
    lsp_client.client_name = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()
