"""CUL016 sir-madam-salutation: "Respected Sir/Madam", and "Dear Sir" to someone whose name is known."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from tactful._context import Context
from tactful._model import Applicability, Fix, FixAvailability, Severity
from tactful.checks._shared import US_ONLY, known_recipient
from tactful.packs._scan import fold
from tactful.rule import CheckContext, Rule, Violation, replace

_GREETING_WORD = r"(?:dear|hello|hi|good\s+(?:morning|afternoon|evening|day))"
_RESPECTED = r"(?:most\s+|highly\s+)?(?:respected|respectable|honou?red|esteemed)"
_SIR = r"(?:sir|sirs|madam|madame|ma['’]?am)"
_ADDRESS = regex.compile(
    rf"^(?P<dear>{_GREETING_WORD},?\s+)?(?P<respected>{_RESPECTED}\s+)?"
    rf"(?P<who>{_SIR}(?:\s*(?:/|or|and)\s*{_SIR})?)(?P<tail>\s*[,:.!;]*)$",
    regex.IGNORECASE,
)
# "Respected Hiring Manager", "Dear Respected Team": "Respected" with no person's name.
# A title and name after it ("Respected Dr. Kapoor") is stacked-honorific's.
_RESPECTED_OTHER = regex.compile(
    rf"^(?P<dear>dear\s+)?(?P<respected>{_RESPECTED}\s+)"
    r"(?!(?:dr|mr|mrs|ms|mx|miss|prof|professor|doctor|engr)\b)(?P<who>[^,:;!]+?)"
    r"(?P<tail>\s*[,:.!;]*)$",
    regex.IGNORECASE,
)

# Every match of either pattern holds one of these in the folded greeting (the "who" of
# _ADDRESS, the "respected" of _RESPECTED_OTHER): most greetings hold none.
_CUES = ("sir", "madam", "maam", "ma'am", "ma’am", "respect", "hono", "esteem")


class SirMadamSalutation(Rule):
    """
    ## What it does
    Flags the greeting “Respected Sir/Madam” (and “Respected Sir”, “Respected
    Ma'am”, “Respected Hiring Manager”), and “Dear Sir/Madam”, “Dear Sir” or “Good
    morning Ma'am” when the recipient's name is known from the context or the To
    header. It explains the convention; a salutation
    rule, if enabled, reports the missing name itself.

    ## Why it matters
    In India, Pakistan, Nigeria and the Philippines, “Respected Sir/Madam” is the
    correct, respectful way to address a senior person, and using the name can feel
    too familiar. US convention is the reverse: respect is shown by using the
    person's title and surname (“Dear Dr. Patel”), and “Sir/Madam” reads as if the
    note went to an unknown office. “Respected” as a greeting is not used at all in
    the US.

    ## Example
    ```text
    Respected Sir,

    Thank you for the interview today for the Chemistry Laboratory Assistant position.
    ```
    ```text
    To: Laura Bishop <lbishop@cedarridgehealth.org>

    Dear Sir/Madam,

    I am writing to ask about the Blood Bank Technician position.
    ```

    ## Use instead
    ```text
    To: Laura Bishop <lbishop@cedarridgehealth.org>

    Dear Ms. Bishop,

    I am writing to ask about the Blood Bank Technician position.
    ```
    ```text
    To: careers@keystonebiologics.com

    Dear Sir or Madam,

    I am writing to ask about the QC Microbiology Analyst position.
    ```

    ## Fix safety
    When the context gives the recipient's title and surname, the fix writes
    “Dear <title> <surname>”; it is unsafe because only you know the right form of
    address. Without a title there is no fix.
    """

    code = "CUL016"
    name = "sir-madam-salutation"
    category = "culture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    audiences = US_ONLY
    example_context = Context()

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        greeting = ctx.message.parts.greeting
        if greeting is None:
            return
        raw = ctx.text[greeting.start : greeting.end]
        stripped = raw.strip()
        folded = fold(stripped)
        if not any(cue in folded for cue in _CUES):
            return
        match = _ADDRESS.match(stripped) or _RESPECTED_OTHER.match(stripped)
        if match is None:
            return
        recipient = known_recipient(ctx)
        if not match.group("respected") and recipient is None:
            return  # "Dear Sir or Madam" with no name to use is the usual form
        start = greeting.start + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped) - len(match.group("tail"))
        shown = ctx.text[start:end]
        if match.group("respected"):
            message = (
                f"“{shown}” is the respectful standard greeting in South Asia, Nigeria and the "
                "Philippines, but it is not used in the US; a US reader shows respect by using "
                "the person's title and surname."
            )
        else:
            message = (
                f"“{shown}” is a correct formal greeting in many countries, but when you know "
                "the reader's name a US reader expects you to use it; “Sir/Madam” reads as if "
                "the note went to an unknown office."
            )
        if recipient is not None and recipient[1]:
            title, surname = recipient
            example = f"Dear {title} {surname}" if title else f"Dear Dr./Ms./Mr. {surname}"
            help_text = f"Use their title and surname: “{example},”."
        else:
            help_text = (
                "Use the person's title and surname, or “Dear Hiring Manager,” if no name is known."
            )
        yield Violation(
            start, end, message=message, help=help_text, fixes=self._fix(start, end, recipient)
        )

    def _fix(
        self, start: int, end: int, recipient: tuple[str | None, str | None] | None
    ) -> tuple[Fix, ...]:
        if recipient is None or not recipient[0] or not recipient[1]:
            return ()
        title, surname = recipient
        return (replace(start, end, f"Dear {title} {surname}", applicability=Applicability.UNSAFE),)
