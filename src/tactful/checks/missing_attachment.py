"""STR006 missing-attachment: the note says something is attached, and nothing is."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._model import Severity
from tactful.checks._structure import matches, phrase_matcher
from tactful.rule import CheckContext, Resources, Rule, Violation


class MissingAttachment(Rule):
    """
    ## What it does
    Flags “I have attached my résumé”, “please find attached” or “my résumé is attached”
    in an email that has no attachment. Only an `.eml` or `EmailMessage` says whether
    anything is attached; for a plain draft this rule says nothing.

    ## Why it matters
    A missing attachment means a second email to apologise and resend, and it shows
    inattention to detail, which a lab hiring manager notices.

    ## Example
    ```text
    MIME-Version: 1.0
    Content-Type: text/plain

    Dear Dr. Patel,

    Thank you for meeting with me today. I have attached my updated résumé.
    ```

    ## Use instead
    ```text
    MIME-Version: 1.0
    Content-Type: text/plain

    Dear Dr. Patel,

    Thank you for meeting with me today. The samples were attached to the rack.
    ```
    """

    code = "STR006"
    name = "missing-attachment"
    category = "structure"
    severity = Severity.WARNING
    examples_are_emails = True

    def setup(self, resources: Resources) -> None:
        self.phrases = phrase_matcher(resources.nlp, resources.lexicon("attachment-phrases"))
        self.words = phrase_matcher(resources.nlp, resources.lexicon("attachment-words"))
        self.documents = phrase_matcher(resources.nlp, resources.lexicon("attachable-documents"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        if ctx.message.attachments is None or ctx.message.attachments:
            return  # unknown for a plain draft; fine when something is attached
        mentions = matches(self.phrases, ctx)
        documents = matches(self.documents, ctx)
        for start, end in matches(self.words, ctx):
            sentence = ctx.doc.char_span(start, end, alignment_mode="expand")
            if sentence is None:
                continue
            bounds = (sentence.sent.start_char, sentence.sent.end_char)
            if any(bounds[0] <= s and e <= bounds[1] for s, e in documents):
                mentions.append((start, end))
        seen: set[int] = set()
        for start, end in sorted(mentions):
            sentence = ctx.doc.char_span(start, end, alignment_mode="expand")
            key = sentence.sent.start_char if sentence is not None else start
            if key in seen:
                continue
            seen.add(key)
            yield Violation(
                start,
                end,
                message="The note says something is attached, but the email has no attachment.",
                help="Attach the file before sending, or remove the sentence.",
            )
