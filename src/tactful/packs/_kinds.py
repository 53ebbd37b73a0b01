"""Rule classes for the declarative kinds: existence, substitution, occurrence, pattern."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

import regex

from tactful._errors import RuleFailedError
from tactful._model import Fix, FixAvailability, Severity, Stability
from tactful.checks._shared import GatedMatcher
from tactful.packs._scan import (
    Branch,
    BranchScanner,
    EmptyMatch,
    read_leading,
    read_needs,
    split_branches,
)
from tactful.packs._schema import (
    ExistenceRule,
    OccurrenceRule,
    PackRuleSpec,
    PatternRule,
    SubstitutionRule,
)
from tactful.rule import CheckContext, Example, Resources, Rule, RuleDocs, Violation, replace

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Seconds one pack pattern may spend on one message before the check fails cleanly.
PATTERN_TIMEOUT = 0.25
_PLACEHOLDER = regex.compile(r"\{(match|replacement|count|max)\}")


def render(template: str, values: dict[str, str]) -> str:
    """Fill ``{match}``-style placeholders; anything else in braces is left as written.

    A value's line breaks and runs of spaces become one space: a match across a line break
    reads “I really need this job”, not “I⏎really need this job”.
    """
    pieces = _template_pieces(template)
    filled = []
    for number, piece in enumerate(pieces):
        if number % 2 == 0:
            filled.append(piece)  # text between placeholders
        elif piece in values:
            filled.append(" ".join(values[piece].split()))
        else:
            filled.append("{" + piece + "}")
    return "".join(filled)


@lru_cache(maxsize=1024)
def _template_pieces(template: str) -> tuple[str, ...]:
    """The text around placeholders and their names, alternately: each finding renders a
    message or two, and a rule's templates are few."""
    return tuple(str(piece) for piece in _PLACEHOLDER.split(template))


class PackRule(Rule):
    """A rule defined in a TOML pack. Subclasses are made per pack entry by ``make_rule``."""

    spec: ClassVar[PackRuleSpec]

    @classmethod
    def docs(cls) -> RuleDocs:
        spec = cls.spec
        context = spec.examples.context
        examples = tuple(Example(text=t, bad=True, context=context) for t in spec.examples.bad)
        examples += tuple(Example(text=t, bad=False, context=context) for t in spec.examples.good)
        extra: list[tuple[str, str]] = []
        if spec.docs.fix_safety:
            extra.append(("Fix safety", spec.docs.fix_safety))
        if spec.docs.references:
            extra.append(("References", "\n".join(f"- {r}" for r in spec.docs.references)))
        return RuleDocs(
            what=spec.docs.what, why=spec.docs.why, examples=examples, extra=tuple(extra)
        )

    def _in_scope(self, ctx: CheckContext, start: int, end: int) -> bool:
        if self.spec.scope == "body":
            body = ctx.message.parts.body
            return body.start <= start and end <= body.end
        return True


class _PhraseRule(PackRule):
    _matcher: GatedMatcher
    _exceptions: GatedMatcher | None

    def _phrases(self) -> tuple[str, ...]:
        raise NotImplementedError

    def setup(self, resources: Resources) -> None:
        spec = self.spec
        assert isinstance(spec, ExistenceRule | SubstitutionRule | OccurrenceRule)
        attr = "LOWER" if spec.ignore_case else "ORTH"
        nlp = resources.nlp
        docs = [nlp.make_doc(p) for p in self._phrases()]
        self._matcher = GatedMatcher(nlp, docs, attr, self.code)
        self._read_phrases(docs)
        self._exceptions = None
        if spec.exceptions:
            self._exceptions = GatedMatcher(nlp, spec.exceptions, attr, "exception")

    def _read_phrases(self, docs: list[Doc]) -> None:
        """What a kind keeps of its phrases' docs (``_phrases`` in order) besides the matcher."""

    def matches(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        """Character spans of phrase matches, longest first at one place, exceptions removed."""
        found = self._matcher.spans(ctx)
        if not found:
            return  # most messages
        found.sort(key=_start_then_longest)
        protected: list[tuple[int, int]] = []
        if found and self._exceptions is not None:  # exceptions only ever remove matches
            protected = self._exceptions.spans(ctx)
        last_end = -1
        for start, end in found:
            if start < last_end:
                continue  # a shorter or overlapping phrase inside one already reported
            if any(ps <= start and end <= pe for ps, pe in protected):
                continue
            if ctx.is_allowed(ctx.text[start:end]) or not self._in_scope(ctx, start, end):
                continue
            last_end = end
            yield start, end


def _start_then_longest(span: tuple[int, int]) -> tuple[int, int]:
    return span[0], -span[1]


class ExistenceKind(_PhraseRule):
    spec: ClassVar[ExistenceRule]

    def _phrases(self) -> tuple[str, ...]:
        return self.spec.tokens

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        for start, end in self.matches(ctx):
            values = {"match": ctx.text[start:end]}
            help_text = self.spec.help or self.spec.suggestion
            yield Violation(
                start,
                end,
                message=render(self.spec.message, values),
                help=render(help_text, values) if help_text else None,
            )


class SubstitutionKind(_PhraseRule):
    spec: ClassVar[SubstitutionRule]
    _swaps: dict[str, str]

    def _phrases(self) -> tuple[str, ...]:
        return tuple(self.spec.swap)

    def _read_phrases(self, docs: list[Doc]) -> None:
        self._swaps = {
            self._key([t.text for t in doc]): replacement
            for doc, replacement in zip(docs, self.spec.swap.values(), strict=True)
        }

    def _key(self, words: list[str]) -> str:
        joined = " ".join(words)
        return joined.lower() if self.spec.ignore_case else joined

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        for start, end in self.matches(ctx):
            matched = ctx.text[start:end]
            words = _token_texts(ctx, start, end) or matched.split()
            replacement = match_case(matched, self._swaps.get(self._key(words), ""))
            if self.spec.ignore_case and _shouted(matched):
                replacement = replacement.upper()  # "GONNA" -> "GOING TO"
            values = {"match": matched, "replacement": replacement}
            yield Violation(
                start,
                end,
                message=render(self.spec.message, values),
                help=render(self.spec.help, values) if self.spec.help else None,
                fixes=(replace(start, end, replacement, applicability=self.spec.fix),),
            )


class OccurrenceKind(_PhraseRule):
    spec: ClassVar[OccurrenceRule]
    _pattern: PackPattern | None = None

    def _phrases(self) -> tuple[str, ...]:
        return self.spec.tokens

    def setup(self, resources: Resources) -> None:
        if self.spec.tokens:
            super().setup(resources)
        else:
            self._pattern = PackPattern(self.spec.pattern or "", self.spec.ignore_case)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        if self._pattern is not None:
            spans = [
                s for s in pattern_matches(self, self._pattern, ctx) if self._in_scope(ctx, *s)
            ]
        else:
            spans = list(self.matches(ctx))
        groups: list[list[tuple[int, int]]]
        if self.spec.per == "sentence":
            groups = [
                [s for s in spans if sent.start_char <= s[0] < sent.end_char]
                for sent in ctx.sentences
            ]
        else:
            groups = [spans]
        for group in groups:
            if len(group) <= self.spec.max:
                continue
            for start, end in group[self.spec.max :]:
                values = {
                    "match": ctx.text[start:end],
                    "count": str(len(group)),
                    "max": str(self.spec.max),
                }
                yield Violation(
                    start,
                    end,
                    message=render(self.spec.message, values),
                    help=render(self.spec.help, values) if self.spec.help else None,
                )


class PatternKind(PackRule):
    spec: ClassVar[PatternRule]
    _pattern: PackPattern

    def setup(self, resources: Resources) -> None:
        self._pattern = PackPattern(self.spec.pattern, self.spec.ignore_case)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        for start, end in pattern_matches(self, self._pattern, ctx):
            if not self._in_scope(ctx, start, end) or ctx.is_allowed(ctx.text[start:end]):
                continue
            values = {"match": ctx.text[start:end]}
            fixes: tuple[Fix, ...] = ()
            if self.spec.replacement is not None:
                fixes = (replace(start, end, self.spec.replacement, applicability=self.spec.fix),)
            yield Violation(
                start,
                end,
                message=render(self.spec.message, values),
                help=render(self.spec.help, values) if self.spec.help else None,
                fixes=fixes,
            )


def compile_pattern(pattern: str, ignore_case: bool) -> regex.Pattern[str]:
    return regex.compile(*_source_and_flags(pattern, ignore_case))


def _source_and_flags(pattern: str, ignore_case: bool) -> tuple[str, int]:
    if not ignore_case:
        return pattern, regex.VERSION1
    # Simple case folding: version 1 would fold fully ("ß" matching "ss"), which English
    # phrase lists never need and which makes long alternations several times slower.
    return "(?-f)" + pattern, regex.VERSION1 | regex.IGNORECASE


class PackPattern:
    """A pack pattern, scanned branch by branch where that gives the same matches faster."""

    def __init__(self, pattern: str, ignore_case: bool) -> None:
        self.source = pattern
        self.ignore_case = ignore_case
        self._whole: regex.Pattern[str] | None = None
        self.scanner: BranchScanner | None = None
        split = split_branches(pattern)
        if split is not None:
            prefix, sources = split
            branches = []
            for source in sources:
                text, flags = _source_and_flags(prefix + source, ignore_case)
                needs, whole_words = read_needs(prefix, source, ignore_case)
                leading = read_leading(prefix, source, ignore_case)
                branches.append(Branch(text, flags, needs, whole_words, leading))
            self.scanner = BranchScanner(branches)

    @property
    def whole(self) -> regex.Pattern[str]:
        """The pattern compiled whole: on first use, as the branch scan rarely needs it."""
        if self._whole is None:
            self._whole = compile_pattern(self.source, self.ignore_case)
        return self._whole

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Non-empty match spans of the whole pattern in ``text``; TimeoutError if too slow.

        A list: every caller wants them all, and most messages have none.
        """
        if self.scanner is not None:
            try:
                return self.scanner.spans(text, PATTERN_TIMEOUT)
            except EmptyMatch:
                pass  # an empty match moves the scan differently: let the engine do it
        return [
            (match.start(), match.end())
            for match in self.whole.finditer(text, timeout=PATTERN_TIMEOUT)
            if match.end() > match.start()
        ]


def pattern_matches(rule: Rule, pattern: PackPattern, ctx: CheckContext) -> list[tuple[int, int]]:
    """Non-empty matches over the prose, bounded in time: a hostile pattern cannot hang a check."""
    spec = getattr(rule, "spec", None)
    visible = spec is not None and spec.scope == "visible"
    text = ctx.message.visible_text if visible else ctx.message.prose_text
    try:
        return pattern.spans(text)
    except TimeoutError:
        raise RuleFailedError(
            rule.code, TimeoutError(f"pattern took over {PATTERN_TIMEOUT}s (from {rule.origin})")
        ) from None


def _token_texts(ctx: CheckContext, start: int, end: int) -> list[str] | None:
    """The texts of the tokens ``ctx.doc.char_span(start, end)`` holds, read from the
    token tables (no Span or Token objects); None where it would be None: ``start`` is no
    token's start or ``end`` no token's end, or it would be empty."""
    starts, texts = ctx.token_starts, ctx.token_texts
    first = bisect_left(starts, start)
    after = bisect_left(starts, end)
    if first == len(starts) or starts[first] != start or after <= first:
        return None
    if starts[after - 1] + len(texts[after - 1]) != end:
        return None
    return list(texts[first:after])


def _shouted(text: str) -> bool:
    return text.isupper() and sum(c.isalpha() for c in text) >= 2


def match_case(original: str, replacement: str) -> str:
    """Keep the writer's capitalisation: "Gonna" -> "Going to"."""
    if replacement and original[:1].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


KIND_CLASSES: dict[str, type[PackRule]] = {
    "existence": ExistenceKind,
    "substitution": SubstitutionKind,
    "occurrence": OccurrenceKind,
    "pattern": PatternKind,
}

_FIX = {
    "existence": FixAvailability.NEVER,
    "occurrence": FixAvailability.NEVER,
    "substitution": FixAvailability.ALWAYS,
}


def make_rule(spec: PackRuleSpec, origin: str) -> type[Rule]:
    """A Rule subclass for one pack entry."""
    base = KIND_CLASSES[spec.kind]
    fix = _FIX.get(spec.kind)
    if fix is None:
        assert isinstance(spec, PatternRule)
        fix = FixAvailability.ALWAYS if spec.replacement is not None else FixAvailability.NEVER
    attributes = {
        "spec": spec,
        "code": spec.code,
        "name": spec.name,
        "category": spec.category,
        "severity": Severity(spec.severity),
        "stability": Stability(spec.stability),
        "fix_availability": fix,
        "audiences": frozenset(spec.audiences) if spec.audiences is not None else None,
        "prose_only": spec.scope != "visible",
        "origin": origin,
        "__doc__": spec.docs.what,
    }
    class_name = "".join(part.title() for part in spec.name.split("-"))
    return type(class_name, (base,), attributes)
