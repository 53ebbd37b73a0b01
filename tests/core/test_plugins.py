"""Third-party rules through the `tactful.rules` entry point, and a trained pipeline from disk."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tactful import Config, PluginError, RegistryError, check_message
from tactful._nlp import get_pipeline
from tactful._registry import build_registry

PLUGIN = '''
from tactful import Plugin, Rule, Severity, Violation


class ShoutedSubject(Rule):
    """
    ## What it does
    Flags the word "URGENT".

    ## Why it matters
    Urgency is the reader's call.

    ## Example
    ```text
    Dear Dr. Patel, URGENT reply please.
    ```

    ## Use instead
    ```text
    Dear Dr. Patel, when you have a moment.
    ```
    """

    code = "ACME001"
    name = "urgent-word"
    category = "urgency"
    severity = Severity.WARNING
    origin = "acme"

    def check(self, ctx):
        start = ctx.message.prose_text.find("URGENT")
        if start >= 0:
            yield Violation(start, start + 6, message="Let the reader decide what is urgent.")


PLUGIN = Plugin(rules=(ShoutedSubject,), categories={"urgency": "pressing the reader"})
'''


def install_plugin(tmp_path: Path, module: str, source: str, target: str) -> None:
    (tmp_path / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    dist = tmp_path / f"{module}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[tactful.rules]\n{module} = {target}\n")


@pytest.fixture
def plugin_path(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    importlib.invalidate_caches()
    build_registry.cache_clear()
    from tactful import _engine

    _engine.rule_set_for_json.cache_clear()
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith("acme_")]:
        del sys.modules[name]
    build_registry.cache_clear()
    _engine.rule_set_for_json.cache_clear()


def test_plugin_rule_and_category_load_through_the_entry_point(plugin_path: Path) -> None:
    install_plugin(plugin_path, "acme_rules", PLUGIN, "acme_rules:PLUGIN")
    report = check_message("Dear Dr. Patel,\n\nURGENT: please reply.\n")
    (finding,) = [f for f in report.findings if f.code == "ACME001"]
    assert (finding.category, finding.text) == ("urgency", "URGENT")
    assert "urgency" in report.subscores
    quiet = check_message(
        "Dear Dr. Patel,\n\nURGENT: please reply.\n", config=Config(plugins=False)
    )
    assert all(f.code != "ACME001" for f in quiet.findings)


def test_a_plugin_reusing_a_builtin_code_is_refused(plugin_path: Path) -> None:
    clash = PLUGIN.replace('code = "ACME001"', 'code = "INF001"')
    install_plugin(plugin_path, "acme_clash", clash, "acme_clash:PLUGIN")
    with pytest.raises(
        RegistryError, match=r"code 'inf001' of rule INF001 .*acme_clash.* is already used"
    ):
        check_message("Dear Dr. Patel, hello")


def test_a_plugin_that_fails_to_import_is_named(plugin_path: Path) -> None:
    install_plugin(
        plugin_path, "acme_broken", "raise ImportError('no numpy')\n", "acme_broken:PLUGIN"
    )
    with pytest.raises(
        PluginError, match=r"plugin 'acme_broken' .* failed to load: ImportError: no numpy"
    ):
        check_message("Dear Dr. Patel, hello")


def test_a_trained_pipeline_saved_to_disk_is_used(tmp_path: Path) -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Riverside"}])
    nlp.meta["name"] = "tactful_test_pipeline"
    nlp.to_disk(tmp_path / "pipeline")
    config = Config(pipeline=str(tmp_path / "pipeline"))
    report = check_message("Dear Dr. Patel,\n\nI'm gonna call Riverside.\n", config=config)
    assert [f.text for f in report.findings if f.code == "INF001"] == ["gonna"]
    loaded = get_pipeline(str(tmp_path / "pipeline"))
    assert loaded.meta["name"] == "tactful_test_pipeline"
    assert "entity_ruler" in loaded.pipe_names


def test_a_missing_pipeline_is_a_config_error() -> None:
    from tactful import ConfigError

    with pytest.raises(
        ConfigError, match="pipeline: cannot load spaCy pipeline 'no_such_model_xyz'"
    ):
        check_message("Dear Dr. Patel, hi", config=Config(pipeline="no_such_model_xyz"))
