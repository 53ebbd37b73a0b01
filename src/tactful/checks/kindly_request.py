"""CUL014 kindly-request: "kindly" as the marker of a request ("Kindly let me know")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tactful._model import Applicability, Fix, FixAvailability, Severity
from tactful.checks._shared import US_ONLY, folded, message_words, normal, previous_word
from tactful.rule import CheckContext, Resources, Rule, Violation, replace

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: From this many request "kindly"s in one message on, each is a warning, not a notice.
WARN_FROM = 2


class KindlyRequest(Rule):
    """
    ## What it does
    Flags “kindly” used to mark a request (“Kindly let me know”, “could you kindly
    send”), not “kindly” describing how someone acted (“you kindly showed me the
    lab”, “thank you kindly”). One such “kindly” in a message is a notice; two or
    more make each a warning.

    ## Why it matters
    In Indian, Nigerian, Ghanaian and Philippine business English “kindly” is the
    polite way to ask, like “please”. In US English it is rarer and can sound formal,
    or even impatient, as in a notice (“Kindly remit payment”). One is a small
    difference in style; when every request starts with “kindly”, the note reads as
    written to another convention.

    ## Example
    ```text
    Dear Dr. Reinhardt,

    Kindly let me know if you require further documents, and kindly convey my thanks to Ms. Larkin.
    ```
    ```text
    Dear Dr. Patel,

    Kindly let me know if you would like copies of my certification.
    ```

    ## Use instead
    ```text
    Dear Dr. Reinhardt,

    Please let me know if you need further documents. Thank you for kindly showing me the donor
    room, and please give my thanks to Ms. Larkin. Thank you kindly.
    ```

    ## Fix safety
    “please” asks in the same way; the fix is safe. After “please”, “I” or “we”
    (“I kindly request”), the fix removes “kindly” instead.
    """

    code = "CUL014"
    name = "kindly-request"
    category = "culture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    audiences = US_ONLY

    def setup(self, resources: Resources) -> None:
        self.request_before = folded(resources.lexicon("kindly-request-before"))
        self.manner_after = folded(resources.lexicon("kindly-manner-after"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        if "kindly" not in message_words(ctx, "normal"):
            return  # most notes never say "kindly"
        doc = ctx.doc
        tokens = ctx.tokens
        requests = [
            tokens[i]
            for i, form in enumerate(ctx.token_normals)
            if form == "kindly" and self._is_request(doc, tokens[i])
        ]
        many = len(requests) >= WARN_FROM
        for token in requests:
            start, end = token.idx, token.idx + len(token.text)
            if many:
                message = (
                    f"“kindly” opens {len(requests)} requests here. It is the polite way to ask "
                    "in Indian, West African and Philippine English, but US readers use it "
                    "rarely, and repeated it reads formal or even impatient."
                )
                severity = Severity.WARNING
            else:
                message = (
                    "“kindly” is the polite way to ask in Indian, West African and Philippine "
                    "English; US readers more often write “please”."
                )
                severity = Severity.INFO
            yield Violation(
                start,
                end,
                message=message,
                severity=severity,
                help="Write “please”, or ask directly (“Could you let me know ...?”).",
                fixes=self._fix(ctx, doc, token),
            )

    def _is_request(self, doc: Doc, token: Token) -> bool:
        sentence = token.sent
        following = [t for t in doc[token.i + 1 : sentence.end] if not t.is_space]
        if not following or following[0].is_punct:
            return False  # "Thank you kindly."
        if normal(following[0].text) in self.manner_after:
            return False
        prior = previous_word(doc, token.i, sentence)
        if prior is None:
            return True
        before = normal(prior.text)
        if before == "you":
            earlier = previous_word(doc, prior.i, sentence)
            return earlier is not None and normal(earlier.text) in {"could", "would", "can", "will"}
        return before in self.request_before or prior.is_punct

    def _fix(self, ctx: CheckContext, doc: Doc, token: Token) -> tuple[Fix, ...]:
        prior = previous_word(doc, token.i, token.sent)
        end = token.idx + len(token.text)
        if prior is not None and normal(prior.text) in {"please", "i", "we"}:
            while end < len(ctx.text) and ctx.text[end] == " ":
                end += 1
            return (replace(token.idx, end, "", title="Remove “kindly”"),)
        word = "Please" if token.text[:1].isupper() else "please"
        return (replace(token.idx, end, word, applicability=Applicability.SAFE),)
