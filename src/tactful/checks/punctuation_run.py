"""EAG007 punctuation-run: "!!", "?!", "??" in the note or its subject line."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from tactful._model import FixAvailability, Severity
from tactful.checks._words import prose_and_subject
from tactful.rule import CheckContext, Rule, Violation, replace

_MARK = r"[!?¡¿‼⁉⁈]"
# Emoji, emoticons or spaces between marks do not break a run ("??😊??", "!:P!" are one),
# so removing the emoji never leaves a new run behind.
_BETWEEN = (
    r"(?:[ \t]*(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}"
    r"|[\ufe0f\u200d\u20e3]|[:;=]-?[)(DPp]|<3)+)?[ \t]*"
)
_RUN = regex.compile(rf"(?:{_MARK}(?:{_BETWEEN}{_MARK})+|[‼⁉⁈])(?:{_BETWEEN}{_MARK})*1*(?<![ \t])")


class PunctuationRun(Rule):
    """
    ## What it does
    Flags runs of exclamation and question marks (“!!”, “!!!”, “?!”, “??”) in the
    message and in its Subject line, and offers a single mark: a period in place of
    “!!”, a question mark in place of a run that asks.

    ## Why it matters
    Advisers list runs of “!!” and “??” among the habits that make a follow-up look
    unprofessional. “!!” sounds breathless; “??” or “?!” after a question about your
    application sounds impatient.

    ## Example
    ```text
    Subject: Thank you so much!!

    Dear Dr. Whitley,

    Thank you for meeting with me this morning!!
    ```
    ```text
    Dear Mr. Reynolds,

    Is there any update on the position??
    ```

    ## Use instead
    ```text
    Subject: Thank you - Medical Laboratory Technician interview

    Dear Dr. Whitley,

    Thank you for meeting with me this morning!
    ```

    ## Fix safety
    One mark in place of a run keeps the sentence's meaning; safe.
    """

    code = "EAG007"
    name = "punctuation-run"
    category = "eagerness"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    prose_only = False  # the Subject line too

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        # A run holds two marks or one of the double ones, and most notes hold neither:
        # blanking the text never adds a mark, so counting them in the text is enough.
        if not _may_hold_run(ctx.text):
            return
        subject = ctx.message.header("subject")
        text = prose_and_subject(ctx)
        for match in _RUN.finditer(text):
            shown = match.group()
            asks = any(c in "?¿⁉⁈" for c in shown)
            single = "?" if asks else "."
            in_subject = subject is not None and subject.start <= match.start() < subject.end
            if in_subject and not asks:
                single = ""
            where = " in the subject line" if in_subject else ""
            yield Violation(
                match.start(),
                match.end(),
                message=f"“{shown}”{where} reads as "
                + ("impatient" if asks else "over-excited")
                + "; one mark is enough.",
                help="A subject line needs no exclamation marks."
                if in_subject and not asks
                else "End the sentence with "
                + ("a single question mark." if asks else "a period."),
                fixes=(
                    replace(
                        match.start(),
                        match.end(),
                        single,
                        title=f"Replace with “{single}”" if single else "Remove the marks",
                    ),
                ),
            )


def _may_hold_run(text: str) -> bool:
    if not text.isascii() and any(double in text for double in "‼⁉⁈"):
        return True
    marks = text.count("!") + text.count("?")
    if marks < 2 and not text.isascii():
        marks += sum(text.count(mark) for mark in "¡¿")
    return marks >= 2
