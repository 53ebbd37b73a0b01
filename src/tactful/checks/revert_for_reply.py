"""CUL002 revert-for-reply: "revert" / "revert back" meaning "reply"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from tactful._model import Applicability, FixAvailability, Severity
from tactful.checks._shared import US_ONLY, folded, message_words, normal, previous_word
from tactful.rule import CheckContext, Resources, Rule, Violation, replace

if TYPE_CHECKING:
    from spacy.tokens import Token

_FORMS = {"revert": "reply", "reverts": "replies", "reverted": "replied", "reverting": "replying"}
_PEOPLE = frozenset({"me", "us", "you", "him", "her"})
# "your revert", "your kind revert", "an early revert": the noun, always meaning "reply".
_NOUN_BEFORE = frozenset(
    {"your", "a", "an", "early", "earliest", "kind", "prompt", "quick", "positive", "favourable"}
    | {"favorable", "timely"}
)


class RevertForReply(Rule):
    """
    ## What it does
    Flags “revert” and “revert back” used to mean “reply” (“Kindly revert at the
    earliest”), and leaves the sense “return to an earlier state” alone (“revert the
    analyzer to its validated settings”). The words around it decide: an object or
    “to” + a thing means a return; “to me”, “back”, a time phrase or the end of the
    sentence means a reply, when a person asks or is asked (“Kindly revert”, “I will
    revert”), not when a thing reverts (“the settings revert when the lot changes”).

    ## Why it matters
    In Indian English “revert” is the everyday office word for “reply”, and it is
    correct there. In US English it only means “go back to an earlier state”, so
    “kindly revert” leaves a US hiring manager unsure what you are asking them to do.

    ## Example
    ```text
    Dear Dr. Park,

    I remain very interested in the role. Kindly revert at your earliest convenience.
    ```
    ```text
    Dear Dr. Sullivan,

    If you need my proficiency testing records, kindly revert back and I will send them.
    ```
    ```text
    Dear Mr. Cole,

    I look forward to your revert.
    ```

    ## Use instead
    ```text
    Dear Dr. Park,

    I remain very interested in the role. Please let me know when you have an update.
    ```
    ```text
    Dear Dr. Hayes,

    Our procedure was to revert the analyzer to its validated settings and rerun QC.
    The values reverted to baseline after the new lot, and the settings revert when
    the power fails.
    ```

    ## Fix safety
    “reply” says what “revert” meant here; the fix is safe. “Let me know” often reads
    better still.

    ## References
    - A. Hennigan, “Reverting to emails: confusion and the Indian English language”, 2015
    """

    code = "CUL002"
    name = "revert-for-reply"
    category = "culture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    audiences = US_ONLY

    def setup(self, resources: Resources) -> None:
        self.reply_followers = [
            tuple(normal(p).split()) for p in resources.lexicon("revert-reply-followers")
        ]
        self.object_words = folded(resources.lexicon("revert-object-words"))
        self.reply_before = folded(resources.lexicon("revert-reply-before"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        if _FORMS.keys().isdisjoint(message_words(ctx, "normal")):
            return  # most notes never say "revert"
        doc = ctx.doc
        tokens = ctx.tokens
        for index, form in enumerate(ctx.token_normals):
            if form not in _FORMS:
                continue
            token = tokens[index]
            sentence = token.sent
            following = [t for t in doc[token.i + 1 : sentence.end] if not t.is_space]
            end_token = token
            if following and normal(following[0].text) == "back":
                end_token = following[0]
            prior = previous_word(doc, token.i, sentence)
            as_noun = prior is not None and normal(prior.text) in _NOUN_BEFORE
            person_subject = (
                prior is None or prior.is_punct or normal(prior.text) in self.reply_before
            )
            if not (as_noun or (person_subject and self._means_reply(following))):
                continue
            start, end = token.idx, end_token.idx + len(end_token.text)
            replacement = "reply" if as_noun else _FORMS[form]
            if token.text[:1].isupper():
                replacement = replacement.capitalize()
            yield Violation(
                start,
                end,
                message=f"“{ctx.text[start:end]}” means “reply” in Indian English; in US English "
                "“revert” only means “return to an earlier state”, so a US reader may not see "
                "what you are asking.",
                help=f"Write “{replacement}” or “let me know”.",
                fixes=(replace(start, end, replacement, applicability=Applicability.SAFE),),
            )

    def _means_reply(self, following: Sequence[Token]) -> bool:
        words = [normal(t.text) for t in following]
        if not words or not words[0][:1].isalnum():
            return True  # "Kindly revert." / "revert back," : nothing is being returned
        if words[0] == "to" or words[:2] == ["back", "to"]:
            target = words[2] if words[0] == "back" else words[1] if len(words) > 1 else ""
            return target in _PEOPLE
        if words[0] in self.object_words:
            return False
        return any(tuple(words[: len(p)]) == p for p in self.reply_followers)
