"""CUL013 stative-progressive: "I am having three years of experience", "I am knowing"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tactful._model import Applicability, Fix, FixAvailability, Severity
from tactful.checks._shared import US_ONLY, folded, message_words, normal, split_pairs
from tactful.rule import CheckContext, Resources, Rule, Violation, replace

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_BETWEEN = frozenset({"not", "also", "still", "currently", "now", "really", "already", "presently"})
_SINGULAR = frozenset({"is", "'s"})
_PLURAL_OR_FIRST = frozenset({"am", "'m", "are", "'re"})
_OBJECT_WINDOW = 6
_CLAUSE_END = frozenset({",", ";", ":", ".", "!", "?", "(", ")"})


def third_person(base: str) -> str:
    if base == "have":
        return "has"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return base + "es"
    return base + "s"


class StativeProgressive(Rule):
    """
    ## What it does
    Flags verbs of state in the progressive: “I am having three years of
    experience”, “I am knowing the Sysmex well”, “we are understanding your needs”,
    “I am holding a BSc degree”. “Having” and “holding” are flagged only with what
    one owns (experience, a degree, a number of years), so “I am having a call
    tomorrow” stays clean. It works from word lists, not grammar.

    ## Why it matters
    Indian, Nigerian and Philippine Englishes use the progressive with verbs such as
    “have”, “know” and “understand”, and it is correct there. US English keeps these
    verbs in the simple form (“I have three years of experience”), so a US reader
    notices the construction, and it is usually in the sentence that sells your
    experience.

    ## Example
    ```text
    Dear Ms. Nolan,

    I am having four years of experience as a phlebotomist at a hospital in Cebu.
    ```
    ```text
    Dear Dr. Chen,

    I'm knowing the KingFisher workflow well, and we are understanding the PGx panel.
    ```

    ## Use instead
    ```text
    Dear Ms. Nolan,

    I have four years of experience as a phlebotomist, and I am having a call with my
    reference tomorrow. We were having lunch when the alarm sounded.
    ```

    ## Fix safety
    “I am having” becomes “I have” (and “is knowing” becomes “knows”); the meaning is
    unchanged, so the fix is safe. Past forms (“I was having”) get no fix.
    """

    code = "CUL013"
    name = "stative-progressive"
    category = "culture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    audiences = US_ONLY

    def setup(self, resources: Resources) -> None:
        self.verbs = split_pairs(resources.lexicon("stative-verbs"))
        self.be_forms = folded(resources.lexicon("progressive-be"))
        self.have_objects = folded(resources.lexicon("have-objects"))
        self.hold_objects = folded(resources.lexicon("hold-objects"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        # Most notes hold none of the verbs: one set test rules them out.
        if self.verbs.keys().isdisjoint(message_words(ctx, "normal")):
            return
        doc = ctx.doc
        tokens = ctx.tokens
        be_forms = self.be_forms
        for index in [i for i, form in enumerate(ctx.token_normals) if form in be_forms]:
            be = tokens[index]
            sentence_end = be.sent.end
            i = be.i + 1
            while i < sentence_end and normal(doc[i].text) in _BETWEEN:
                i += 1
            if i >= sentence_end:
                continue
            verb = doc[i]
            form = normal(verb.text)
            base = self.verbs.get(form)
            if base is None or not self._stative_here(form, doc, i + 1, sentence_end):
                continue
            start, end = be.idx, verb.idx + len(verb.text)
            shown = ctx.text[start:end]
            yield Violation(
                start,
                end,
                message=f"“{shown}” uses the progressive with a verb of state, which is correct "
                "in Indian, Nigerian and Philippine English; US English keeps such verbs simple, "
                "so a US reader notices it.",
                help=f"Use the simple form: “{base}” rather than “{form}”.",
                fixes=self._fix(be, verb, doc[be.i + 1 : verb.i], base),
            )

    def _stative_here(self, form: str, doc: Doc, start: int, end: int) -> bool:
        if form not in {"having", "holding"}:
            return True
        objects = self.have_objects if form == "having" else self.hold_objects
        window = doc[start : min(end, start + _OBJECT_WINDOW)]
        for k, token in enumerate(window):
            if token.text in _CLAUSE_END:
                return False  # "hands-on" is one phrase; a comma or full stop ends the object
            word = normal(token.text)
            if word in objects:
                return True
            if word in {"year", "years", "months"} and k > 0 and window[k - 1].like_num:
                return True
        return False

    def _fix(self, be: Token, verb: Token, between: Span, base: str) -> tuple[Fix, ...]:
        be_form = normal(be.text)
        if be_form in _SINGULAR:
            new_verb = third_person(base)
        elif be_form in _PLURAL_OR_FIRST:
            new_verb = base
        else:
            return ()
        words = [t.text for t in between if not t.is_space]
        if "not" in (w.lower() for w in words):
            return ()  # "I am not knowing" needs "do not know": leave it to the writer
        replacement = " ".join([*words, new_verb])
        start = be.idx
        if be.text.startswith(("'", "’")):
            replacement = " " + replacement  # "I'm having" -> "I have"
        return (
            replace(
                start,
                verb.idx + len(verb.text),
                replacement,
                title=f"Use “{new_verb}”",
                applicability=Applicability.SAFE,
            ),
        )
