"""The JSON Schema of one report, generated from the ``Report`` model.

``python -m tactful.reporting.schema [FILE]`` writes it (default ``docs/report-schema.json``);
a test fails when the committed file is stale. The ``json`` format is an array of such
reports; ``jsonl`` is one per line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tactful._model import SCHEMA_VERSION, Report

SCHEMA_ID = "https://github.com/tactful-dev/tactful/blob/main/docs/report-schema.json"


def _all_required(node: dict[str, Any]) -> None:
    # A dumped report carries every field, defaults included, so every field is required.
    if node.get("type") == "object" and "properties" in node:
        node["required"] = list(node["properties"])


def report_schema() -> dict[str, Any]:
    schema = Report.model_json_schema(mode="serialization")
    _all_required(schema)
    for definition in schema.get("$defs", {}).values():
        _all_required(definition)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"tactful report, schema version {SCHEMA_VERSION}",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def render_schema() -> str:
    return json.dumps(report_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("docs/report-schema.json")
    target.write_text(render_schema(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
