"""What a rule author needs: the ``Rule`` base class, ``Violation``, ``CheckContext`` and docs.

A rule is a class. Its metadata (code, name, category, severity, fix availability,
stability, options) are class attributes; its docs are its docstring, in fixed
sections (``What it does``, ``Why it matters``, ``Example``, ``Use instead``) whose
fenced ``text`` blocks are run as tests: each ``Example`` block must trigger the rule,
each ``Use instead`` block must not.

    class ShoutedWords(Rule):
        '''
        ## What it does
        ...
        '''
        code = "ACME001"
        name = "shouted-words"
        category = "eagerness"
        severity = Severity.WARNING

        def check(self, ctx: CheckContext) -> Iterator[Violation]:
            ...
"""

from __future__ import annotations

import inspect
import textwrap
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, ClassVar, overload

import regex
from pydantic import BaseModel, ConfigDict

from tactful._config import Config
from tactful._context import Context
from tactful._lazy import cached_attribute
from tactful._message import ParsedMessage
from tactful._model import (
    Applicability,
    Edit,
    Fix,
    FixAvailability,
    MessageKind,
    Severity,
    Stability,
    Strength,
)
from tactful._text import count_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "CheckContext",
    "Example",
    "NoOptions",
    "Resources",
    "Rule",
    "RuleDocs",
    "Violation",
    "replace",
]

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Use instead")
OPTIONAL_SECTIONS = ("Options", "Fix safety", "References")


class NoOptions(BaseModel):
    """Options of a rule that has none."""

    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True)
class Violation:
    """What a rule yields: a span of ``ctx.text`` and what to say about it.

    ``message``/``severity`` default to the rule's; ``help`` is a suggestion in words;
    ``fixes`` are edits the writer can apply.
    """

    start: int
    end: int
    message: str | None = None
    severity: Severity | None = None
    help: str | None = None
    fixes: tuple[Fix, ...] = ()


@dataclass(frozen=True)
class Example:
    """A docs example, run as a test: ``bad`` ones must trigger the rule, good ones must not."""

    text: str
    bad: bool
    context: Context | None = None


@dataclass(frozen=True)
class RuleDocs:
    what: str
    why: str
    examples: tuple[Example, ...]
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def bad(self) -> tuple[Example, ...]:
        return tuple(e for e in self.examples if e.bad)

    @property
    def good(self) -> tuple[Example, ...]:
        return tuple(e for e in self.examples if not e.bad)


@dataclass(frozen=True)
class Resources:
    """What rules share across messages: the pipeline and the packs' word lists."""

    nlp: Language
    lexicons: Mapping[str, tuple[str, ...]]

    def lexicon(self, name: str) -> tuple[str, ...]:
        try:
            return self.lexicons[name]
        except KeyError:
            raise KeyError(f"no lexicon named {name!r} is loaded") from None


class Rule:
    """Base class of every rule. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NEVER
    stability: ClassVar[Stability] = Stability.STABLE
    options_model: ClassVar[type[BaseModel]] = NoOptions
    #: Findings outside the greeting, body and closing are dropped (headers, quotes, signature).
    prose_only: ClassVar[bool] = True
    #: Audiences (config ``audience``) the rule speaks for; None means every audience.
    audiences: ClassVar[frozenset[str] | None] = None
    #: Context used when running this rule's docs examples.
    example_context: ClassVar[Context | None] = None
    #: Check the docs examples as RFC 822 emails (bytes), for rules that need MIME facts
    #: such as attachments; by default they are plain drafts.
    examples_are_emails: ClassVar[bool] = False
    #: Where the rule came from: "builtin", a pack file, or a plugin's entry point.
    origin: ClassVar[str] = "builtin"

    def __init__(self, options: BaseModel | None = None) -> None:
        self.options: Any = options if options is not None else self.options_model()

    def setup(self, resources: Resources) -> None:
        """Build matchers and tables once per process (called before the first check)."""

    def check(self, ctx: CheckContext) -> Iterable[Violation | Strength]:
        raise NotImplementedError

    @classmethod
    def docs(cls) -> RuleDocs:
        return parse_docstring(cls)

    @classmethod
    def summary(cls) -> str:
        """The first sentence of "What it does"."""
        what = cls.docs().what.strip()
        first = regex.split(r"(?<=[.!?])\s", what, maxsplit=1)[0]
        return " ".join(first.split())


def parse_docstring(rule: type[Rule]) -> RuleDocs:
    doc = inspect.getdoc(rule) or ""
    sections: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in doc.splitlines():
        heading = regex.match(r"^##\s+(.+?)\s*$", line)
        if heading:
            if current:
                sections[current] = "\n".join(lines).strip()
            current, lines = heading.group(1), []
        else:
            lines.append(line)
    if current:
        sections[current] = "\n".join(lines).strip()
    missing = [name for name in DOC_SECTIONS if name not in sections]
    if missing:
        raise ValueError(f"rule {rule.__name__} docs lack section(s): {', '.join(missing)}")
    examples = [
        Example(text=block, bad=True, context=rule.example_context)
        for block in fenced_blocks(sections["Example"])
    ] + [
        Example(text=block, bad=False, context=rule.example_context)
        for block in fenced_blocks(sections["Use instead"])
    ]
    extra = tuple((name, sections[name]) for name in OPTIONAL_SECTIONS if name in sections)
    return RuleDocs(
        what=sections["What it does"],
        why=sections["Why it matters"],
        examples=tuple(examples),
        extra=extra,
    )


def fenced_blocks(section: str) -> list[str]:
    """The contents of the ```text fenced blocks of a docs section."""
    blocks = regex.findall(r"```(?:text)?[^\n]*\n(.*?)\n```", section, flags=regex.DOTALL)
    return [textwrap.dedent(block) for block in blocks]


@dataclass
class CheckContext:
    """Everything a rule may read about one message. Valid only during ``check``."""

    message: ParsedMessage
    doc: Doc
    context: Context
    config: Config
    kind: MessageKind
    resources: Resources
    now: datetime = field(default_factory=lambda: datetime.now().astimezone())

    @property
    def text(self) -> str:
        return self.message.text

    def lexicon(self, name: str) -> tuple[str, ...]:
        return self.resources.lexicon(name)

    @cached_attribute
    def tokens(self) -> Sequence[Token]:
        """The doc's tokens, shared by every rule; ``ctx.tokens[i]`` is ``ctx.doc[i]``.

        A ``Token`` object is made when one is read: most rules read the token tables
        below and only look at a few tokens, and making one for every token of every
        message cost more than all the reads.
        """
        return _Tokens(self.doc)

    @cached_attribute
    def _token_offsets(self) -> list[list[int]]:
        """``[starts, lengths]``: each token's ``idx`` and length, read from the doc's arrays
        in one call: reading ``Token`` attributes one by one costs several times more."""
        from spacy.attrs import IDX, LENGTH

        offsets: list[list[int]] = self.doc.to_array([IDX, LENGTH]).T.tolist()
        return offsets if offsets else [[], []]

    @cached_attribute
    def token_starts(self) -> tuple[int, ...]:
        """Each token's ``idx`` (its offset in ``text``), ascending: for binary search."""
        return tuple(self._token_offsets[0])

    @cached_attribute
    def token_texts(self) -> tuple[str, ...]:
        """Each token's ``text``, in doc order: the slice of the prose it was made from."""
        prose = self.message.prose_text  # the text the doc was made from
        starts, lengths = self._token_offsets
        return tuple(
            [prose[start : start + length] for start, length in zip(starts, lengths, strict=True)]
        )

    @cached_attribute
    def token_is_space(self) -> tuple[bool, ...]:
        """Each token's ``is_space``, in doc order: spaCy's is ``str.isspace`` of its text."""
        return tuple(map(str.isspace, self.token_texts))

    @cached_attribute
    def token_is_punct(self) -> tuple[bool, ...]:
        """Each token's ``is_punct``, in doc order."""
        from spacy.attrs import IS_PUNCT

        return tuple(map(bool, self.doc.to_array(IS_PUNCT).tolist()))

    @cached_attribute
    def token_lowers(self) -> tuple[str, ...]:
        """Each token's ``lower_``, in doc order (spaCy's is ``str.lower`` of the text)."""
        return tuple(map(str.lower, self.token_texts))

    @cached_attribute
    def token_normals(self) -> tuple[str, ...]:
        """Each token's text case-folded with ’ written as ' (``checks._shared.normal``)."""
        if "’" not in self.message.prose_text:
            return tuple(map(str.casefold, self.token_texts))
        return tuple(text.casefold().replace("’", "'") for text in self.token_texts)

    @cached_attribute
    def sentences(self) -> list[Span]:
        """Sentences of the writer's prose (greeting, body and closing)."""
        text = self.message.prose_text  # a span's text is this slice; Span.text joins tokens
        return [sent for sent in self.doc.sents if text[sent.start_char : sent.end_char].strip()]

    @cached_attribute
    def body_sentences(self) -> list[Span]:
        """Sentences of the body, clipped to it.

        The sentencizer does not know where the greeting ends, so "Dear Dr. Patel,\n\nSorry
        to bother you." comes out as one sentence; clipping keeps its body part. Line breaks
        at either end are trimmed.
        """
        from spacy.tokens import Span

        body = self.message.parts.body
        text = self.message.prose_text
        starts, lengths = self._token_offsets
        spaces = self.token_is_space
        doc = self.doc
        clipped: list[Span] = []
        for sent in self.sentences:
            start_char = max(sent.start_char, body.start)
            end_char = min(sent.end_char, body.end)
            if start_char >= end_char:
                continue
            if start_char == sent.start_char and end_char == sent.end_char:
                head, last = sent.start, sent.end - 1  # inside the body: most sentences
            else:
                # The tokens wholly inside, as doc.char_span(..., alignment_mode="contract")
                # finds them: tokens cover the text, each up to where the next one starts.
                head = bisect_right(starts, start_char) - 1
                last = bisect_right(starts, end_char - 1) - 1
                if starts[head] < start_char:
                    head += 1
                if end_char < starts[last] + lengths[last]:
                    last -= 1
            while head <= last and spaces[head]:
                head += 1  # the paragraph break before a sentence is not part of it
            while head <= last and spaces[last]:
                last -= 1
            if head <= last and text[starts[head] : starts[last] + lengths[last]].strip():
                unchanged = head == sent.start and last == sent.end - 1
                clipped.append(sent if unchanged else Span(doc, head, last + 1))
        return clipped

    @cached_attribute
    def body_words(self) -> int:
        """Words the writer wrote between greeting and closing, counted as a reader counts
        them: "I'm", "batch-process" and "mg/dL" are one word each."""
        body = self.message.parts.body
        return count_words(self.text[body.start : body.end])

    @cached_attribute
    def sent_at(self) -> datetime:
        """When the message goes out: the context's, else the Date header's, else now.

        A checker runs just before sending, so "now" in the writer's local time is the
        send time when nothing else says otherwise.
        """
        if self.context.sent_at is not None:
            return self.context.sent_at
        header = self.message.header("date")
        if header is not None:
            try:
                return parsedate_to_datetime(header.value)
            except (TypeError, ValueError, IndexError):
                pass
        return self.now

    @cached_attribute
    def allowed_words(self) -> frozenset[str]:
        return frozenset(w.casefold() for w in self.config.allowed_words)

    def is_allowed(self, phrase: str) -> bool:
        """Whether the config's ``allowed-words`` exempts this phrase."""
        return phrase.casefold() in self.allowed_words


def replace(
    start: int,
    end: int,
    replacement: str,
    title: str | None = None,
    applicability: Applicability = Applicability.SAFE,
) -> Fix:
    """A one-edit fix."""
    if title is None:
        title = f"Replace with “{replacement}”" if replacement else "Remove"
    return Fix(
        title=title,
        edits=(Edit(start=start, end=end, replacement=replacement),),
        applicability=applicability,
    )


def iter_rules(objects: Iterable[Any]) -> Iterator[type[Rule]]:
    for obj in objects:
        if (
            inspect.isclass(obj)
            and issubclass(obj, Rule)
            and obj is not Rule
            and hasattr(obj, "code")
        ):
            yield obj


class _Tokens(Sequence["Token"]):
    """A doc's tokens as a sequence, each ``Token`` made when it is read."""

    __slots__ = ("_doc",)

    def __init__(self, doc: Doc) -> None:
        self._doc = doc

    def __len__(self) -> int:
        return len(self._doc)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Token, ...]: ...
    def __getitem__(self, index: int | slice) -> Token | tuple[Token, ...]:
        if isinstance(index, slice):
            if index.step is None or index.step == 1:
                start, stop, _ = index.indices(len(self._doc))
                return tuple(self._doc[start:stop]) if start < stop else ()
            return tuple(self._doc[i] for i in range(*index.indices(len(self._doc))))
        return self._doc[index]

    def __iter__(self) -> Iterator[Token]:
        return iter(self._doc)
