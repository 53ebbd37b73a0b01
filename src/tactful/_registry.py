"""The registry: every rule (built-in, pack, plugin), every category, every word list.

Codes, rule names and category names share one namespace: a clash is refused with an
error that names both sides, never resolved silently (flake8's trap).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import regex

from tactful._errors import PluginError, RegistryError, SelectorError
from tactful._model import Severity, Stability
from tactful.packs._loader import load_packs
from tactful.packs._schema import CODE_PATTERN, NAME_PATTERN
from tactful.rule import Rule, iter_rules

ENTRY_POINT_GROUP = "tactful.rules"

BUILTIN_CATEGORIES: dict[str, str] = {
    "informal": "slang, text-speak and casual greetings or closings",
    "emoji": "emoji, emoticons and shortcodes",
    "salutation": "the greeting: title, surname, the right person",
    "length": "too long overall, too many paragraphs, long sentences, the subject line",
    "eagerness": "desperate, pushy or impatient phrasing; shouting and exclamation marks",
    "personalization": "no specific reference to the interview; unfilled template placeholders",
    "timing": "sent too late, too soon, too often, or at odd hours",
    "recipients": "one note to several people; Bcc; a greeting to someone not addressed",
    "structure": "thanks, closing, name, contact line, restated interest, attachments",
    "culture": "conventions of other Englishes that read oddly to the audience",
    "directness": "hedges, apologies and indirect requests that bury the point",
}


@dataclass(frozen=True)
class Plugin:
    """What a ``tactful.rules`` entry point may name: rules and the categories they add."""

    rules: tuple[type[Rule], ...]
    categories: Mapping[str, str] = field(default_factory=dict)


# eq=False: hashed by identity, so the per-registry lru_cache below works (the dict
# fields make a field-based hash impossible).
@dataclass(frozen=True, eq=False)
class Registry:
    rules: dict[str, type[Rule]]
    categories: dict[str, str]
    lexicons: dict[str, tuple[str, ...]]

    def get(self, key: str) -> type[Rule]:
        """A rule by code or name (case-insensitive for codes)."""
        rule = self.rules.get(key.upper()) or self._by_name().get(key.lower())
        if rule is None:
            raise SelectorError(f"no rule has the code or name {key!r}")
        return rule

    @lru_cache(maxsize=1)  # noqa: B019 - the registry is immutable and cached itself
    def _by_name(self) -> dict[str, type[Rule]]:
        return {rule.name: rule for rule in self.rules.values()}

    def resolve(self, selector: str) -> tuple[set[str], int]:
        """Codes a selector names, and how specific it is (higher is more specific).

        Specificity: category 1, code prefix 2 + its length, rule name 100, code 101.
        """
        key = selector.strip()
        if key.upper() in self.rules:
            return {key.upper()}, 101
        by_name = self._by_name()
        if key.lower() in by_name:
            return {by_name[key.lower()].code}, 100
        if key.lower() in self.categories:
            return {c for c, r in self.rules.items() if r.category == key.lower()}, 1
        if key.upper() == "ALL":
            return set(self.rules), 0
        if regex.fullmatch(r"[A-Za-z]{1,6}[0-9]{0,3}", key):
            matched = {code for code in self.rules if code.startswith(key.upper())}
            if matched:
                return matched, 2 + len(key)
        raise SelectorError(
            f"{selector!r} is not a rule code, code prefix, rule name or category "
            "(see `tactful rules`)"
        )


def _builtin_python_rules() -> list[type[Rule]]:
    import tactful.checks as package

    found: list[type[Rule]] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.extend(
            r for r in iter_rules(vars(module).values()) if r.__module__ == module.__name__
        )
    return found


def _plugin_rules() -> tuple[list[type[Rule]], dict[str, str]]:
    rules: list[type[Rule]] = []
    categories: dict[str, str] = {}
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        origin = f"plugin {entry.name!r} ({entry.value})"
        try:
            loaded: Any = entry.load()
        except Exception as error:
            raise PluginError(f"{origin} failed to load: {type(error).__name__}: {error}") from None
        if isinstance(loaded, Plugin):
            found, extra = list(loaded.rules), dict(loaded.categories)
        elif isinstance(loaded, type) and issubclass(loaded, Rule):
            found, extra = [loaded], {}
        elif isinstance(loaded, Iterable):
            found, extra = list(iter_rules(loaded)), {}
        else:
            raise PluginError(
                f"{origin} names {type(loaded).__name__}, not a Rule class, list or Plugin"
            )
        for rule in found:
            if not (isinstance(rule, type) and issubclass(rule, Rule)):
                raise PluginError(f"{origin} lists {rule!r}, which is not a Rule class")
            rule.origin = origin
        rules.extend(found)
        categories.update(extra)
    return rules, categories


@lru_cache(maxsize=16)
def build_registry(extra_packs: tuple[Path, ...] = (), *, plugins: bool = True) -> Registry:
    """Every rule and word list: built-ins, shipped packs, ``extra_packs``, then plugins."""
    categories = dict(BUILTIN_CATEGORIES)
    rules: list[type[Rule]] = _builtin_python_rules()
    lexicons: dict[str, tuple[str, ...]] = {}
    for pack in load_packs(extra_packs):
        rules.extend(pack.rules)
        for name, words in pack.lexicons.items():
            lexicons[name] = lexicons.get(name, ()) + words
    if plugins:
        plugin_rules, plugin_categories = _plugin_rules()
        for name in plugin_categories:
            if name in categories:
                raise RegistryError(f"plugin category {name!r} is already registered")
        categories.update(plugin_categories)
        rules.extend(plugin_rules)
    return Registry(rules=_index(rules, categories), categories=categories, lexicons=lexicons)


def _index(rules: list[type[Rule]], categories: dict[str, str]) -> dict[str, type[Rule]]:
    by_code: dict[str, type[Rule]] = {}
    owners: dict[str, str] = dict.fromkeys(categories, "category")
    for rule in rules:
        where = f"{rule.code} ({rule.origin})" if hasattr(rule, "code") else rule.__name__
        _validate(rule, categories, where)
        for key, what in ((rule.code.lower(), "code"), (rule.name, "name")):
            if key in owners:
                raise RegistryError(
                    f"{what} {key!r} of rule {where} is already used by {owners[key]}"
                )
            owners[key] = f"rule {where}"
        by_code[rule.code] = rule
    return dict(sorted(by_code.items()))


def _validate(rule: type[Rule], categories: dict[str, str], where: str) -> None:
    for attribute in ("code", "name", "category", "severity"):
        if not hasattr(rule, attribute):
            raise RegistryError(f"rule {where} does not declare {attribute!r}")
    if not regex.fullmatch(CODE_PATTERN, rule.code):
        raise RegistryError(f"rule {where}: code must be 1-6 capitals and 3-4 digits, like INF001")
    if not regex.fullmatch(NAME_PATTERN, rule.name):
        raise RegistryError(f"rule {where}: name {rule.name!r} must be kebab-case")
    if rule.category not in categories:
        raise RegistryError(
            f"rule {where}: unknown category {rule.category!r}; a plugin registers new "
            "categories through Plugin(categories=...)"
        )
    Severity(rule.severity)
    Stability(rule.stability)
