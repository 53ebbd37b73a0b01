"""CUL004 same-as-pronoun: "the same" standing for a thing already named."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._model import Applicability, FixAvailability, Severity
from tactful.checks._shared import (
    US_ONLY,
    folded,
    message_words,
    normal,
    previous_word,
    starts_with_phrase,
)
from tactful.rule import CheckContext, Resources, Rule, Violation, replace


class SameAsPronoun(Rule):
    """
    ## What it does
    Flags “the same” used as a pronoun for something already mentioned (“I will
    inform you of the same”, “I will send the same next week”). It is flagged only
    when a verb or preposition takes “the same” as its object and nothing that could
    be a noun follows it, so “the same analyzer”, “on the same day”, “exactly the
    same” and “I would do the same” stay clean.

    ## Why it matters
    “The same” as a pronoun is standard in Indian, Nigerian and Philippine business
    English, where it sounds precise and formal. A US reader meets it mostly in legal
    documents, so it reads as stiff, and sometimes they must look back to find what
    “the same” refers to. “It” or the thing's name is clearer.

    ## Example
    ```text
    Dear Ms. Ward,

    I am following up on my interview. I would be grateful if you could update me on the same.
    ```
    ```text
    Dear Ms. Nolan,

    You mentioned that you need my CPT 1 certificate. I will send the same as soon as I receive it.
    ```

    ## Use instead
    ```text
    Dear Ms. Ward,

    I am following up on my interview. Could you tell me whether there is any news?
    ```
    ```text
    Dear Ms. Grant,

    It is the same analyzer I used in Singapore, and I would apply the same care here.
    We started on the same day, and the controls looked exactly the same. I would do the same.
    ```

    ## Fix safety
    “it” fits most sentences, but “the same” can stand for several things (“them”),
    so the fix is unsafe.
    """

    code = "CUL004"
    name = "same-as-pronoun"
    category = "culture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    audiences = US_ONLY

    def setup(self, resources: Resources) -> None:
        self.pronoun_before = folded(resources.lexicon("same-pronoun-before"))
        self.ordinary_before = folded(resources.lexicon("same-ordinary-before"))
        self.pronoun_after = frozenset(
            tuple(normal(p).split()) for p in resources.lexicon("same-pronoun-after")
        )

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        if "same" not in message_words(ctx, "normal"):
            return  # most notes never say "same"
        doc = ctx.doc
        tokens, forms = ctx.tokens, ctx.token_normals
        for index in range(len(forms) - 1):
            if forms[index] != "the" or forms[index + 1] != "same":
                continue
            token, nxt = tokens[index], tokens[index + 1]
            sentence = token.sent
            prior = previous_word(doc, token.i, sentence)
            if prior is None:
                continue
            before = normal(prior.text)
            if before in self.ordinary_before or before not in self.pronoun_before:
                continue
            rest = [normal(t.text) for t in doc[nxt.i + 1 : sentence.end] if not t.is_space]
            ends_clause = not rest or not rest[0][:1].isalnum()
            if not ends_clause and not starts_with_phrase(rest, self.pronoun_after):
                continue
            start, end = token.idx, nxt.idx + len(nxt.text)
            yield Violation(
                start,
                end,
                message="“the same” used as a pronoun is standard in Indian, Nigerian and "
                "Philippine business English; to a US reader it sounds legal and stiff, and "
                "they may have to look back for what it means.",
                help="Write “it”, or name the thing again.",
                fixes=(replace(start, end, "it", applicability=Applicability.UNSAFE),),
            )
