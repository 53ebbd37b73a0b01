"""PER001 generic-note: nothing in the note refers to this particular interview."""

from __future__ import annotations

import calendar
import math
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from tactful._context import Context
from tactful._model import Severity, Strength
from tactful.checks._shared import PhraseWords, message_words
from tactful.checks._words import PhraseFinder, body_sentences, normalise, phrase_pattern
from tactful.rule import CheckContext, Resources, Rule, Violation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CLAUSE_END = regex.compile(r"[.;:!?]|,\s+(?:and|but|so)\s+I\b|\s[-—–]\s")
_TITLES = ("Dr", "Mr", "Ms", "Mrs", "Mx", "Prof", "Professor", "Doctor", "Miss")
_TITLED_NAME = regex.compile(
    rf"\b(?:{'|'.join(_TITLES)})\.?[ \t]+(\p{{Lu}}[\p{{L}}'’-]+(?:[ \t]+\p{{Lu}}[\p{{L}}'’-]+)?)"
)
# Every match holds one of these as written: most bodies hold none (the greeting's title
# is not in the body), and a substring search costs less than the regex.
_TITLE_KEYS = tuple(t for t in _TITLES if not any(o != t and o in t for o in _TITLES))
_ROLE_NOUNS = regex.compile(r"(?i)^(?:position|role|job|opening|vacancy|post)$")
_ROLE_NOUN_WORDS = frozenset({"position", "role", "job", "opening", "vacancy", "post"})
_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}'’-]+")
#: Words that join the capitalised words of a name ("St. Luke's Medical Center").
_RUN_JOINERS = frozenset({"'s", "’s", "&", "-", "of"})
_CALENDAR = frozenset(
    name.lower()
    for name in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr)
    if name
)


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    what: str


class GenericNote(Rule):
    """
    ## What it does
    Flags a note that never refers to anything specific from the interview: no topic you
    discussed, no person you met, no instrument, test, procedure or lab area you saw,
    nothing from the context's `topics`. Thanks, generic praise and the role title do
    not count. When the note does refer to something specific, the report lists it as a
    strength.

    It recognises specific references by the lab vocabulary in the shipped
    `interview-references` pack (analyzers, tests, procedures, lab areas), by names of
    people other than the recipient, by the context's `topics` and `interviewers`, and
    by phrases that recall the interview (“when you mentioned …”, “our conversation
    about …”, “seeing the …”) followed by something other than generic words.

    ## Why it matters
    Career advisers call the generic, could-be-sent-to-anyone note the most common
    failure of interview follow-ups. One specific detail (the new analyzer you were
    shown, the staffing problem the manager described) shows you were listening, sets
    you apart from other candidates and reminds the reader who you are.

    ## Example
    ```text
    Dear Ms. Price,

    Thank you for taking the time to meet with me today to discuss the Hematology
    Technician position. I enjoyed our conversation and learning more about the role and
    your organization.

    My skills and experience make me a strong fit for this position. I look forward to
    hearing from you.
    ```

    ## Use instead
    ```text
    Dear Ms. Price,

    Thank you for taking the time to meet with me today to discuss the Hematology
    Technician position. I especially enjoyed seeing how your team reviews smear flags
    from the Sysmex line before releasing results.

    I look forward to hearing from you.
    ```
    ```text
    Dear Ms. Price,

    Thank you for meeting with me today. When you mentioned the move to a new building
    next spring, I thought of the relocation I helped plan at my current lab.
    ```

    ## Options
    Give the interview's `topics` and `interviewers` in the context to have them
    recognised; extend the pack's `lab-terms` lexicon with your own lab's vocabulary.
    """

    code = "PER001"
    name = "generic-note"
    category = "personalization"
    severity = Severity.WARNING
    example_context = Context(position="Hematology Technician", organization="Westfield Hospital")

    def setup(self, resources: Resources) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        nlp = resources.nlp
        # One finder for both tiers of lab vocabulary: one pass of its matchers finds both.
        self._vocabulary = PhraseFinder(
            nlp,
            {"terms": resources.lexicon("lab-terms"), "topics": resources.lexicon("lab-topics")},
        )
        self._disciplines = _words(resources.lexicon("lab-disciplines"))
        self._places = _words(resources.lexicon("lab-places"))
        self._recall = phrase_pattern(resources.lexicon("recall-cues"))
        self._recall_after = phrase_pattern(resources.lexicon("recall-cues-after"))
        # Its phrases are rare ("stuck with me"): most notes hold all the words of none.
        self._recall_after_words = PhraseWords(resources.lexicon("recall-cues-after"))
        self._memory = phrase_pattern(resources.lexicon("memory-cues"))
        self._generic = _words(resources.lexicon("generic-words")) | _words(STOP_WORDS)
        self._job_titles = _words(resources.lexicon("job-titles"))
        self._title_words = _words(resources.lexicon("job-title-words"))
        self._org_words = _words(resources.lexicon("organization-words"))
        self._honorifics = _words(t.rstrip(".") for t in resources.lexicon("titles"))
        # The lowered tokens that may end a position title: job titles and role nouns,
        # also as _ROLE_NOUNS matches them before a line break ("$" matches there).
        self._title_ends = (
            self._job_titles | _ROLE_NOUN_WORDS | {word + "\n" for word in _ROLE_NOUN_WORDS}
        )

    def check(self, ctx: CheckContext) -> Iterator[Violation | Strength]:
        body = ctx.message.parts.body
        if body.end <= body.start or ctx.body_words == 0:
            return
        evidence = self.find_reference(ctx)
        if evidence is not None:
            shown = ctx.text[evidence.start : evidence.end]
            yield Strength(
                name="specific-reference",
                message=f"Refers to something specific from the interview ({evidence.what}: "
                f"“{' '.join(shown.split())}”).",
                start=evidence.start,
                end=evidence.end,
            )
            return
        sentences = body_sentences(ctx)
        where = sentences[0][1] if sentences else body.start
        suggestion = (
            f"You discussed “{ctx.context.topics[0]}”: mention it."
            if ctx.context.topics
            else "Add one sentence about something specific: a topic you discussed, someone "
            "you met, or an instrument or process you saw, e.g. “I enjoyed seeing how your "
            "team reviews QC on the chemistry line.”"
        )
        yield Violation(
            where,
            where,
            message="Nothing in this note refers to something specific from your interview; "
            "it reads like a template that could go to any lab.",
            help=suggestion,
        )

    def find_reference(self, ctx: CheckContext) -> Evidence | None:
        """The first specific reference in the body, or None."""
        body = ctx.message.parts.body
        indices = _indices_between(ctx, body.start, body.end)
        excluded = list(self._excluded(ctx, indices))
        addressed = self._addressed_names(ctx)
        found = [
            *self._from_topics(ctx, indices, excluded),
            *self._from_people(ctx, excluded, addressed),
            *self._from_terms(ctx, indices, excluded),
        ]
        found = [e for e in found if body.start <= e.start and e.end <= body.end]
        # Cue evidence never starts before its sentence, and the first evidence wins
        # (the earlier kind on a tie), so sentences from the first found on need no cues.
        before = min((e.start for e in found), default=None)
        found += [
            e
            for e in self._from_cues(ctx, excluded, addressed, before)
            if body.start <= e.start and e.end <= body.end
        ]
        return min(found, key=lambda e: e.start, default=None)

    # What does not count: the position, the organization, position titles.

    def _excluded(self, ctx: CheckContext, indices: range) -> Iterator[tuple[int, int]]:
        body = ctx.message.parts.body
        text = ctx.text
        for name in (ctx.context.position, ctx.context.organization):
            if name and name.strip():
                words = [regex.escape(w) for w in name.split()]
                pattern = regex.compile(r"(?i)\b" + r"\s+".join(words) + r"\b")
                for match in pattern.finditer(text, body.start, body.end):
                    yield match.start(), match.end()
        # The organization's own name words ("Brightline" of "Brightline Pharmaceuticals").
        own_names = {
            normalise(word)
            for word in _CAPITALISED.findall(ctx.context.organization or "")
            if normalise(word) not in self._org_words
        }
        # The token tables, not the tokens: reading a Token's attributes is slow.
        texts, lowers, starts = ctx.token_texts, ctx.token_lowers, ctx.token_starts
        # Only non-ASCII tokens need the regex (case folding may make them role nouns);
        # when the text of every token here is ASCII, the loop costs one set lookup a token.
        ascii_tokens = (
            not indices
            or (
                ctx.message.prose_text[
                    starts[indices[0]] : starts[indices[-1]] + len(texts[indices[-1]])
                ]
            ).isascii()
        )
        title_ends = self._title_ends
        candidates: Iterable[int] = indices
        if ascii_tokens and not own_names:
            # Then only a token whose lowered text may end a title can yield: the loop
            # below would pass over every other one.
            if title_ends.isdisjoint(lowers[indices.start : indices.stop]):
                return
            candidates = [i for i in indices if lowers[i] in title_ends]
        elif not own_names:
            # Likewise, and the non-ASCII tokens: the loop passes over the other ones.
            candidates = [i for i in indices if lowers[i] in title_ends or not texts[i].isascii()]
        for index in candidates:
            text, lower = texts[index], lowers[index]
            if own_names and normalise(text).removesuffix("'s") in own_names:
                yield starts[index], starts[index] + len(text)
            if lower in title_ends:
                # A job title, or an ASCII role noun ("Job" or "job\n" as _ROLE_NOUNS has it).
                hit = lower in self._job_titles or text.isascii() or _ROLE_NOUNS.match(text)
            elif ascii_tokens or text.isascii():
                continue
            else:
                hit = _ROLE_NOUNS.match(text)
            if hit:
                start = self._title_start(ctx, index)
                if start < starts[index]:
                    yield start, starts[index] + len(text)

    def _title_start(self, ctx: CheckContext, index: int) -> int:
        """Where a position title ending at token ``index`` starts: "Medical Laboratory
        Technician". Read from the token tables; a Token is made only for a title word."""
        texts, lowers, starts = ctx.token_texts, ctx.token_lowers, ctx.token_starts
        spaces = ctx.token_is_space
        start = starts[index]
        index -= 1
        while index >= 0:
            text = texts[index]
            if spaces[index]:
                if "\n\n" in text:
                    break  # a paragraph break ends the title; a wrapped line does not
                index -= 1
                continue
            lower = lowers[index]
            titled = text[:1].isupper() and lower not in self._honorifics and text != "I"
            part_of_title = (
                titled
                or lower in self._disciplines
                or lower in self._job_titles
                or lower in self._title_words
                or text in {"-", "/", "&"}
            )
            # A sentence's first word starts no title either: both end the walk.
            if not part_of_title or ctx.tokens[index].is_sent_start:
                break
            start = starts[index]
            index -= 1
        return start

    # Kinds of evidence.

    def _from_topics(
        self, ctx: CheckContext, indices: range, excluded: list[tuple[int, int]]
    ) -> Iterator[Evidence]:
        if not ctx.context.topics:
            return
        body_tokens = [ctx.tokens[i] for i in indices]
        tokens = [t for t in body_tokens if t.is_alpha and not _inside(t.idx, excluded)]
        for topic in ctx.context.topics:
            words = {
                _stem(w)
                for w in regex.findall(r"\p{L}[\p{L}'’]*", topic.lower())
                if len(w) >= 3 and normalise(w) not in self._generic
            }
            if not words:
                continue
            need = 1 if len(words) == 1 else max(2, math.ceil(len(words) / 2))
            hits = [t for t in tokens if _stem(t.lower_) in words]
            if len({_stem(t.lower_) for t in hits}) >= need:
                first = hits[0]
                yield Evidence(first.idx, first.idx + len(first.text), "a topic you discussed")

    def _from_people(
        self, ctx: CheckContext, excluded: list[tuple[int, int]], addressed: set[str]
    ) -> Iterator[Evidence]:
        body = ctx.message.parts.body
        text = ctx.text
        titled = any(text.find(key, body.start, body.end) != -1 for key in _TITLE_KEYS)
        for match in _TITLED_NAME.finditer(text, body.start, body.end) if titled else ():
            names = {normalise(n) for n in match.group(1).split()}
            if not names & addressed and not _inside(match.start(), excluded):
                yield Evidence(match.start(), match.end(), "a person you met")
        for person in ctx.context.interviewers:
            for name in _person_names(person, self._honorifics):
                if normalise(name) in addressed:
                    continue
                pattern = regex.compile(r"\b" + regex.escape(name) + r"\b")
                match = pattern.search(text, body.start, body.end)
                if match:
                    yield Evidence(match.start(), match.end(), "a person you met")

    def _addressed_names(self, ctx: CheckContext) -> set[str]:
        """Names of whoever the note is addressed to: they do not make it specific."""
        names: set[str] = set()
        context = ctx.context
        if context.recipient:
            names |= {normalise(n) for n in _person_names(context.recipient, self._honorifics)}
        if context.recipient_surname:
            names.add(normalise(context.recipient_surname))
        greeting = ctx.message.parts.greeting
        if greeting is not None:
            line = ctx.text[greeting.start : greeting.end]
            names |= {normalise(w) for w in _CAPITALISED.findall(line)}
        return names

    def _from_terms(
        self, ctx: CheckContext, indices: range, excluded: list[tuple[int, int]]
    ) -> Iterator[Evidence]:
        body = ctx.message.parts.body
        for match in self._vocabulary.find(ctx, "terms", body.start, body.end):
            if not _inside(match.start, excluded):
                yield Evidence(match.start, match.end, "lab vocabulary")
                break
        disciplines = self._disciplines
        if disciplines.isdisjoint(message_words(ctx, "lower")):
            return  # no token is a discipline: a set test instead of a look at each token
        doc = ctx.doc
        lowers = ctx.token_lowers
        for index in [i for i in indices if lowers[i] in disciplines]:
            token = ctx.tokens[index]
            after = _next_word(doc, token)
            if (
                after is not None
                and after.lower_ in self._places
                and not _inside(token.idx, excluded)
            ):
                yield Evidence(token.idx, after.idx + len(after.text), "a lab area")
                break

    def _from_cues(
        self,
        ctx: CheckContext,
        excluded: list[tuple[int, int]],
        addressed: set[str],
        before: int | None = None,
    ) -> Iterator[Evidence]:
        """Evidence after recall and memory cues, in sentences that start before ``before``.

        Evidence starting at ``before`` or later never wins: the caller has found some
        there already. Evidence after a recall or memory cue starts after the cue, so the
        scan for those cues stops at the first one that starts that late. Evidence lies
        inside its sentence, so once a sentence has given some, later sentences cannot
        give any that starts earlier: the scan ends with that sentence.
        """
        text = ctx.text
        limit = len(text) if before is None else before
        # The body is prose: a match there holds its words in the prose text too, whose
        # words the pack patterns have made already.
        prose = ctx.message.prose_text
        recall_after = (
            self._recall_after if self._recall_after_words.may_match(ctx, prose) else None
        )
        for start, end in body_sentences(ctx):
            if start >= limit:
                break
            found = False
            for match in self._recall.finditer(text, start, end):
                if match.start() >= limit:
                    break
                stop = _clause_end(text, match.end(), end)
                word = self._content_word(ctx, match.end(), stop, excluded)
                if word is not None:
                    found = True
                    yield Evidence(*word, "something from the conversation")
                    break
            for match in recall_after.finditer(text, start, end) if recall_after else ():
                begin = _clause_start(text, start, match.start())
                word = self._content_word(ctx, begin, match.start(), excluded)
                if word is not None:
                    found = True
                    yield Evidence(*word, "something from the conversation")
                    break
            for match in self._memory.finditer(text, start, end):
                if match.start() >= limit:
                    break
                stop = _clause_end(text, match.end(), end)
                named = self._named_thing(ctx, match.end(), stop, excluded, addressed)
                if named is not None:
                    found = True
                    yield Evidence(*named, "something you saw or heard")
                    break
            if found:
                return

    def _content_word(
        self, ctx: CheckContext, start: int, end: int, excluded: list[tuple[int, int]]
    ) -> tuple[int, int] | None:
        """The first word that is not generic between two offsets, with the words after it."""
        # The token tables, not the tokens: making a Token per word costs more than the tests.
        texts, starts = ctx.token_texts, ctx.token_starts
        indices = _between(ctx, start, end)
        for position, index in enumerate(indices):
            word = normalise(texts[index])
            if (
                len(word) >= 3
                and (word.isalpha() or any(c.isalpha() for c in word))
                and not self._is_generic(word)
                and word not in _CALENDAR
                and not _inside(starts[index], excluded)
                and not self._organization_name(texts, indices, position)
            ):
                last = index
                for following in indices[position + 1 : position + 4]:
                    # At most three Tokens: cheaper than the doc's table of is_punct.
                    token = ctx.tokens[following]
                    if (token.is_punct and texts[following] not in {"-", "/"}) or token.is_stop:
                        break
                    last = following
                return starts[index], starts[last] + len(texts[last])
        return None

    def _is_generic(self, word: str) -> bool:
        """A generic word, or an inflection of one ("contributing", "responsibilities")."""
        # The word itself first: most generic words (stop words) are not inflected.
        return word in self._generic or any(form in self._generic for form in _base_forms(word))

    def _named_thing(
        self,
        ctx: CheckContext,
        start: int,
        end: int,
        excluded: list[tuple[int, int]],
        addressed: set[str],
    ) -> tuple[int, int] | None:
        """Lab vocabulary of any tier, or a capitalised name, between two offsets."""
        for tier in ("terms", "topics"):
            for match in self._vocabulary.find(ctx, tier, start, end):
                if not _inside(match.start, excluded):
                    return match.start, match.end
        texts, lowers, starts = ctx.token_texts, ctx.token_lowers, ctx.token_starts
        indices = _between(ctx, start, end)
        for position, index in enumerate(indices):
            if lowers[index] in self._disciplines and not _inside(starts[index], excluded):
                return starts[index], starts[index] + len(texts[index])
            if not texts[index][:1].isupper():
                continue  # not a name: _is_name's first test, without the call
            if _inside(starts[index], excluded) or not _is_name(ctx, index):
                continue
            lower = normalise(texts[index])
            if lower in _CALENDAR or lower in self._honorifics or lower in addressed:
                continue
            if self._organization_name(texts, indices, position):
                continue
            return starts[index], starts[index] + len(texts[index])
        return None

    def _organization_name(
        self, texts: Sequence[str], indices: Sequence[int], position: int
    ) -> bool:
        """Whether the capitalised word of token ``indices[position]`` belongs to a name such
        as “St. Luke's Medical Center” (``texts``: the token texts)."""
        if not texts[indices[position]][:1].isupper():
            return False
        run = _capitalised_run(texts, indices, position)
        return any(normalise(word).rstrip(".") in self._org_words for word in run)


def _indices_between(ctx: CheckContext, start: int, end: int) -> range:
    """Indices of the tokens that start between two offsets inside the text."""
    if end <= start:
        return range(0)
    starts = ctx.token_starts
    return range(bisect_left(starts, start), bisect_left(starts, end))


def _between(ctx: CheckContext, start: int, end: int) -> Sequence[int]:
    """Indices of the tokens that start between two offsets, by binary search on their offsets."""
    if end <= start:
        return []
    if start < 0 or end > len(ctx.text):  # outside the doc: spaCy's char_span gives None
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        return [t.i for t in span if start <= t.idx < end] if span is not None else []
    starts = ctx.token_starts
    return range(bisect_left(starts, start), bisect_left(starts, end))


def _words(entries: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise(e) for e in entries)


@lru_cache(maxsize=4096)  # the same words come back in message after message
def _base_forms(word: str) -> frozenset[str]:
    forms = {word, word.removesuffix("'s")}
    for suffix, replacement in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.add(word[: -len(suffix)] + replacement)
    return frozenset(forms)


def _stem(word: str) -> str:
    word = normalise(word)
    return word[:5] if len(word) > 5 else word


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


def _person_names(person: str, honorifics: frozenset[str]) -> list[str]:
    names = regex.findall(r"\p{L}[\p{L}'’-]+", person)
    return [n for n in names if normalise(n) not in honorifics and len(n) >= 2]


def _is_name(ctx: CheckContext, index: int) -> bool:
    text = ctx.token_texts[index]
    return (
        text[:1].isupper()
        and text != "I"
        and text.isalpha()
        and any(c.islower() for c in text[1:])
        and not ctx.tokens[index].is_sent_start  # a Token attribute: the slowest test last
    )


def _capitalised_run(texts: Sequence[str], indices: Sequence[int], position: int) -> list[str]:
    """The capitalised words around token ``indices[position]`` ("St. Luke's Medical Center",
    "Riverbend Labs"), among the tokens ``indices`` (``texts``: the token texts)."""

    def joins(at: int) -> bool:
        word = texts[indices[at]]
        return word[:1].isupper() or word in _RUN_JOINERS

    # Walked over the indices in place: a list of every word between them, made for each
    # capitalised word, cost more than the rest of the test.
    start = position
    while start > 0 and joins(start - 1):
        start -= 1
    end = position
    while end + 1 < len(indices) and joins(end + 1):
        end += 1
    return [texts[indices[at]] for at in range(start, end + 1)]


def _next_word(doc: Doc, token: Token) -> Token | None:
    index = token.i + 1
    while index < len(doc) and (doc[index].is_space or doc[index].text in {"'s", "’s"}):
        index += 1
    return doc[index] if index < len(doc) else None


def _clause_start(text: str, limit: int, end: int) -> int:
    """Where the clause that ends at ``end`` starts (not before ``limit``)."""
    starts = [m.end() for m in _CLAUSE_END.finditer(text, limit, end)]
    return starts[-1] if starts else limit


def _clause_end(text: str, start: int, limit: int) -> int:
    match = _CLAUSE_END.search(text, start, limit)
    return match.start() if match else limit
