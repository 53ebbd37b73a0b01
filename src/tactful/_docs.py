"""Rule documentation rendered from the rules' own metadata (docs/rules/, `tactful explain`)."""

from __future__ import annotations

from tactful._registry import Registry
from tactful.rule import Rule

DOCS_BASE_URL = "https://github.com/tactful-dev/tactful/blob/main/docs/rules/"


def rule_doc_filename(rule: type[Rule]) -> str:
    return f"{rule.code}-{rule.name}.md"


def rule_doc_url(rule: type[Rule]) -> str:
    return DOCS_BASE_URL + rule_doc_filename(rule)


def render_rule_markdown(rule: type[Rule]) -> str:
    docs = rule.docs()
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"- Category: `{rule.category}`",
        f"- Default severity: `{rule.severity}`",
        f"- Fix: {rule.fix_availability}",
        f"- Stability: {rule.stability}",
    ]
    if rule.audiences is not None:
        lines.append(f"- Audience: {', '.join(sorted(rule.audiences))}")
    if rule.origin != "builtin":
        lines.append(f"- Defined in: `{_short_origin(rule.origin)}`")
    lines += [
        "",
        "## What it does",
        "",
        docs.what.strip(),
        "",
        "## Why it matters",
        "",
        docs.why.strip(),
    ]
    lines += ["", "## Example", ""]
    for example in docs.bad:
        lines += ["```text", example.text.rstrip("\n"), "```", ""]
    lines += ["## Use instead", ""]
    for example in docs.good:
        lines += ["```text", example.text.rstrip("\n"), "```", ""]
    options = rule.options_model.model_json_schema().get("properties", {})
    if options:
        lines += ["## Options", ""]
        defaults = rule.options_model().model_dump(by_alias=True)
        for key, schema in options.items():
            description = schema.get("description", "")
            lines.append(
                f"- `{key.replace('_', '-')}` (default `{defaults.get(key)!r}`): {description}".rstrip(
                    ": "
                )
            )
        lines.append("")
    for title, body in docs.extra:
        if title == "Options" and options:
            continue
        lines += [f"## {title}", "", body.strip(), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_index(registry: Registry) -> str:
    lines = [
        "# Rules",
        "",
        "Generated from the rules' own metadata by `python -m tactful.gen_docs`; do not edit.",
        "",
        "| Code | Name | Category | Severity | Fix | Stability |",
        "|---|---|---|---|---|---|",
    ]
    for rule in registry.rules.values():
        lines.append(
            f"| [{rule.code}]({rule_doc_filename(rule)}) | {rule.name} | {rule.category} "
            f"| {rule.severity} | {rule.fix_availability} | {rule.stability} |"
        )
    return "\n".join(lines) + "\n"


def _short_origin(origin: str) -> str:
    marker = "rules/"
    if marker in origin:
        return "rules/" + origin.rsplit(marker, 1)[1]
    if "_builtin_packs/" in origin:
        return "rules/" + origin.rsplit("_builtin_packs/", 1)[1]
    return origin


def expected_docs(registry: Registry) -> dict[str, str]:
    """File name -> content of every generated page in docs/rules/."""
    pages = {
        rule_doc_filename(rule): render_rule_markdown(rule) for rule in registry.rules.values()
    }
    pages["index.md"] = render_index(registry)
    return pages
