from __future__ import annotations

from cli_support import REPO

from tactful.reporting.schema import render_schema


def test_committed_report_schema_is_current() -> None:
    committed = (REPO / "docs" / "report-schema.json").read_text(encoding="utf-8")
    assert committed == render_schema(), (
        "docs/report-schema.json is stale: run python -m tactful.reporting.schema"
    )


def test_schema_doc_names_the_schema_file_and_version() -> None:
    doc = (REPO / "docs" / "json-schema.md").read_text(encoding="utf-8")
    assert "report-schema.json" in doc
    assert "`schema_version`" in doc
