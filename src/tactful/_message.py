"""The parsed email: headers, greeting, body, closing, signature and quoted reply,
each a span of the text that every offset refers to.

A ``str`` draft is read as the writer typed it, optionally headed by known header
lines. ``bytes`` and ``EmailMessage`` go through the stdlib ``email`` package; the
report's text is then the decoded headers, a blank line and the decoded text part.
"""

from __future__ import annotations

import email
import email.errors
import email.header
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import regex

from tactful._errors import InputError
from tactful._lazy import cached_attribute, cached_by_identity
from tactful._model import Header, MessageParts, Span
from tactful._text import blank_except, split_lines, unblank

KNOWN_HEADERS = (
    "subject",
    "to",
    "cc",
    "bcc",
    "from",
    "date",
    "reply-to",
    "sender",
    "in-reply-to",
    "references",
    "message-id",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "content-disposition",
    "organization",
    "user-agent",
    "x-mailer",
)
# Headers shown in the text of a parsed .eml, in this order.
SHOWN_HEADERS = ("From", "To", "Cc", "Bcc", "Date", "Subject")

_HEADER_LINE = regex.compile(
    r"(?i)("
    + "|".join(regex.escape(name) for name in KNOWN_HEADERS)
    + r"|x-[a-z0-9-]+)[ \t]*:[ \t]?"
)
_QUOTE_LINE = regex.compile(r"^[ \t]*>")
_ATTRIBUTION = regex.compile(
    r"^[ \t]*(?:On\b.{0,300}\bwrote:|Le\b.{0,300}\ba écrit\s*:"
    r"|Am\b.{0,300}\bschrieb\b.{0,60}:)[ \t]*$",
    regex.IGNORECASE,
)
_ATTRIBUTION_START = regex.compile(r"^[ \t]*On\b.{0,200}$", regex.IGNORECASE)
_ATTRIBUTION_END = regex.compile(r"^.{0,200}\bwrote:[ \t]*$", regex.IGNORECASE)
_ORIGINAL_MESSAGE = regex.compile(
    r"^[ \t]*(?:-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}|_{10,})[ \t]*$",
    regex.IGNORECASE,
)
_OUTLOOK_FROM = regex.compile(r"^[ \t]*\*?From:\*?[ \t]", regex.IGNORECASE)
_OUTLOOK_SENT = regex.compile(r"^[ \t]*\*?(?:Sent|Date):\*?[ \t]", regex.IGNORECASE)
#: The first characters (after indentation) of every line the patterns above can match: a
#: quote mark, "On"/"Le"/"Am ... wrote", "-----Original", "____", "From:" or "*From:*".
#: No other character folds to these letters, so other lines skip the patterns.
_QUOTE_STARTS = frozenset(">OoLlAaFf-_*")
#: What a text holds when one of its lines can match those patterns: a quote mark, the colon
#: that ends "wrote:" (and its French and German forms) or follows "From:", or the rule of
#: an original or forwarded message. Most drafts hold none of them, and four substring
#: searches cost less than a look at each line.
_QUOTE_MARKS = (">", ":", "--", "_" * 10)
_SIGNATURE_DELIMITER = regex.compile(r"^--[ \t]?$")
_GREETING_START = regex.compile(
    r"(?i)^[ \t]*(?:dear|dearest|hi|hello|hey|hiya|howdy|yo|greetings"
    r"|good (?:morning|afternoon|evening|day)|morning|afternoon|respected"
    r"|to whom it may concern|sir|madam|ma'am|attn|attention)\b"
)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*")
_GREETING_END = regex.compile(r"[,:;!—–]|\s-\s")


@dataclass(frozen=True)
class ParsedMessage:
    """A message as the rules see it. Internal: rules receive it through ``CheckContext``."""

    text: str
    parts: MessageParts
    prose: tuple[tuple[int, int], ...]
    attachments: tuple[str, ...] | None = None
    content_type: str = "text/plain"
    transfer_encoding: str | None = None
    _header_map: dict[str, tuple[Header, ...]] = field(default_factory=dict, repr=False)
    #: Where each line of ``text`` starts, as the parser found them (the report's line
    #: numbers need them); empty when not known.
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def header(self, name: str) -> Header | None:
        values = self._header_map.get(name.lower())
        return values[0] if values else None

    def headers(self, name: str) -> tuple[Header, ...]:
        return self._header_map.get(name.lower(), ())

    @cached_attribute
    def prose_text(self) -> str:
        """The text with non-prose characters blanked, line breaks kept: offsets do not move."""
        return blank_except(self.text, self.prose)

    @cached_attribute
    def visible_text(self) -> str:
        """The writer's own words as the reader sees them: prose, Subject line and signature.

        Other headers and quoted text are blanked; offsets do not move. Pack rules with
        ``scope = "visible"`` (placeholders such as "[Your Name]") read this.
        """
        # The prose is blanked already (the pipeline reads prose_text): only the Subject
        # and signature are to be shown as well.
        shown: list[tuple[int, int]] = []
        subject = self.header("subject")
        if subject is not None:
            shown.append((subject.start, subject.end))
        if self.parts.signature is not None:
            shown.append((self.parts.signature.start, self.parts.signature.end))
        return unblank(self.prose_text, self.text, shown)

    def is_prose(self, start: int, end: int) -> bool:
        # A loop, not any() over a generator: it is asked for nearly every finding.
        for prose_start, prose_end in self.prose:
            if prose_start <= start and end <= prose_end:
                return True
        return False


def parse_text(text: str, closings: Iterable[str]) -> ParsedMessage:
    """Parse a plain draft, optionally headed by known header lines."""
    lines = split_lines(text)
    headers, body_start = _scan_headers(text, 0, lines)
    return _build(text, lines, headers, body_start, _lowered(closings), None)


def parse_email(message: Message, closings: Iterable[str]) -> ParsedMessage:
    """Parse an ``email.message.Message`` (any policy) into text and parts."""
    lines: list[str] = []
    for name in SHOWN_HEADERS:
        for value in message.get_all(name, []) or []:
            decoded = _decode_header(value)
            lines.append(f"{name}: {decoded}")
    part = _pick_text_part(message)
    if part is None:
        raise InputError("the email has no text/plain or text/html part to check")
    body = _decode_part(part)
    if part.get_content_type() == "text/html":
        from tactful._html import html_to_text  # html.parser: imported when first needed

        body = html_to_text(body)
    body = body.replace("\r\n", "\n")
    head = "\n".join(lines)
    text = f"{head}\n\n{body}" if head else body
    text_lines = split_lines(text)
    headers, body_start = _scan_headers(text, 0, text_lines)
    attachments = tuple(_attachment_names(message))
    encoding = part.get("Content-Transfer-Encoding")
    parsed = _build(text, text_lines, headers, body_start, _lowered(closings), attachments)
    return ParsedMessage(
        text=parsed.text,
        parts=parsed.parts,
        prose=parsed.prose,
        attachments=attachments,
        content_type=part.get_content_type(),
        transfer_encoding=encoding.lower().strip() if encoding else None,
        _header_map=parsed._header_map,
        _line_starts=parsed._line_starts,
    )


def message_from_bytes(data: bytes) -> Message:
    if not data.strip():
        raise InputError("the message is empty")
    head = data[:8192]
    if b"\x00" in head:
        raise InputError("the input is binary data, not an email or text")
    import email.policy  # imported when first needed: a draft in plain text never does

    # compat32 is several times faster than policy.default and is all we need:
    # we decode headers and payloads ourselves.
    return email.message_from_bytes(data, policy=email.policy.compat32)


def _scan_headers(text: str, start: int, lines: list[tuple[int, int]]) -> tuple[list[Header], int]:
    """Known header lines at the top of ``text`` (split into ``lines``); returns them and
    where the body starts."""
    headers: list[Header] = []
    index = 0
    # Skip leading blank lines before headers.
    while index < len(lines) and not text[lines[index][0] : lines[index][1]].strip():
        index += 1
    current: tuple[str, int, int] | None = None
    while index < len(lines):
        line_start, line_end = lines[index]
        line = text[line_start:line_end]
        # A header line holds a colon; the greeting most drafts open with seldom does.
        match = _HEADER_LINE.match(line) if ":" in line else None
        if match:
            if current:
                headers.append(_header(text, *current))
            current = (match.group(1), line_start + match.end(), line_end)
            index += 1
            continue
        if current and line[:1] in (" ", "\t") and line.strip():
            current = (current[0], current[1], line_end)
            index += 1
            continue
        break
    if current:
        headers.append(_header(text, *current))
    if not headers:
        return [], start
    # The body starts after the blank line that ends the headers, if any.
    if index < len(lines) and not text[lines[index][0] : lines[index][1]].strip():
        index += 1
    body_start = lines[index][0] if index < len(lines) else len(text)
    return headers, body_start


def _header(text: str, name: str, start: int, end: int) -> Header:
    value = text[start:end]
    stripped_end = start + len(value.rstrip())
    canonical = name.lower()
    return _validate_header(
        {
            "name": canonical.title() if canonical != "cc" else "Cc",
            "value": text[start:stripped_end],
            "start": start,
            "end": stripped_end,
        }
    )


def _lowered(closings: Iterable[str]) -> frozenset[str]:
    """The closing phrases, lower-cased once per word list rather than once per message.

    A tuple is looked up by identity: a rule set passes the same one for every message,
    and hashing its ~70 phrases for a cache key cost more than the lookups in the set.
    """
    if type(closings) is tuple:
        return _lowered_tuple(closings)
    return frozenset(c.lower() for c in closings)


@cached_by_identity(8)
def _lowered_tuple(closings: tuple[str, ...]) -> frozenset[str]:
    return frozenset(c.lower() for c in closings)


def _build(
    text: str,
    all_lines: list[tuple[int, int]],
    headers: list[Header],
    body_start: int,
    closings: frozenset[str],
    attachments: tuple[str, ...] | None,
) -> ParsedMessage:
    # Lines are in order and do not overlap, so each "lines before X" below is a slice at a
    # bisected start rather than a filter over every line.
    lines = all_lines[bisect_left(all_lines, (body_start,)) :]
    quoted = _quoted_spans(text, lines)
    writer_end = quoted[0].start if quoted else len(text)
    writer_lines = lines[: bisect_left(lines, (writer_end,))]

    signature_start = _signature_delimiter(text, writer_lines)
    prose_lines = (
        writer_lines
        if signature_start is None
        else writer_lines[: bisect_left(writer_lines, (signature_start,))]
    )
    closing_index, closing = _find_closing(text, prose_lines, closings)
    if closing is not None:
        # The name under the closing starts the signature, before any "-- " block.
        after = _first_content(text, prose_lines[closing_index + 1 :])
        if after is not None:
            signature_start = after[0]
    greeting = _find_greeting(text, prose_lines)

    if greeting:
        body_from = greeting.end
    else:
        first = _first_content(text, prose_lines)
        body_from = first[0] if first else body_start
    if closing:
        body_to = closing.start
    else:
        last = _first_content(text, prose_lines[::-1])
        body_to = last[1] if last else body_start
    if closing is None and signature_start is not None:
        body_to = min(body_to, signature_start)
    body_from, body_to = _trim(text, body_from, max(body_from, body_to))
    body = _span(body_from, body_to)

    prose: list[tuple[int, int]] = []
    if greeting:
        prose.append((greeting.start, greeting.end))
    if body.end > body.start:
        prose.append((body.start, body.end))
    if closing:
        prose.append((closing.start, closing.end))

    signature = None
    if signature_start is not None:
        sig_end = writer_end
        sig_start, sig_end = _trim(text, signature_start, sig_end)
        if sig_end > sig_start:
            signature = _span(sig_start, sig_end)

    header_map: dict[str, list[Header]] = {}
    for header in headers:
        header_map.setdefault(header.name.lower(), []).append(header)
    parts = _validate_parts(
        {
            "headers": tuple(headers),
            "greeting": greeting,
            "body": body,
            "closing": closing,
            "signature": signature,
            "quoted": tuple(quoted),
            "has_attachment": None if attachments is None else bool(attachments),
        }
    )
    return ParsedMessage(
        text=text,
        parts=parts,
        prose=tuple(prose),
        attachments=attachments,
        _header_map={key: tuple(value) for key, value in header_map.items()},
        _line_starts=tuple([start for start, _ in all_lines]),
    )


# The models' own validators, as ``Model(**values)`` calls them: called directly they cost
# ~0.3-0.6 µs less each, and every message makes five to eight of them.
_validate_span: Callable[[dict[str, Any]], Span] = Span.__pydantic_validator__.validate_python
_validate_header: Callable[[dict[str, Any]], Header] = Header.__pydantic_validator__.validate_python
_validate_parts: Callable[[dict[str, Any]], MessageParts] = (
    MessageParts.__pydantic_validator__.validate_python
)


def _span(start: int, end: int) -> Span:
    return _validate_span({"start": start, "end": end})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


def _first_content(text: str, lines: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    """The first line in ``lines`` that is not blank."""
    for start, end in lines:
        if start < end and not text[start:end].isspace():
            return start, end
    return None


def _signature_delimiter(text: str, lines: list[tuple[int, int]]) -> int | None:
    """Where the first "-- " line starts, if any."""
    # One substring search rules out nearly every draft before any line is looked at.
    if not lines or text.find("--", lines[0][0], lines[-1][1]) < 0:
        return None
    return next((s for s, e in lines if _SIGNATURE_DELIMITER.match(text[s:e])), None)


def _quoted_spans(text: str, lines: list[tuple[int, int]]) -> list[Span]:
    """Quoted reply text: '>' lines, "On ... wrote:" blocks, and forwarded/original blocks."""
    spans: list[Span] = []
    if not lines or not any(text.find(mark, lines[0][0]) >= 0 for mark in _QUOTE_MARKS):
        return spans
    index = 0
    while index < len(lines):
        start, end = lines[index]
        line = text[start:end]
        if line.lstrip(" \t")[:1] not in _QUOTE_STARTS:
            index += 1
            continue
        # "-----Original Message-----" or an Outlook "From:/Sent:" block: the rest is quoted.
        if _ORIGINAL_MESSAGE.match(line) or (
            _OUTLOOK_FROM.match(line)
            and any(_OUTLOOK_SENT.match(text[s:e]) for s, e in lines[index + 1 : index + 4])
        ):
            spans.append(_span(start, lines[-1][1]))
            break
        block_start = None
        if _ATTRIBUTION.match(line):
            block_start, index = start, index + 1
        elif (
            _ATTRIBUTION_START.match(line)
            and index + 1 < len(lines)
            and _ATTRIBUTION_END.match(text[lines[index + 1][0] : lines[index + 1][1]])
            and not line.rstrip().endswith((".", "!", "?"))
        ):
            block_start, index = start, index + 2
        elif _QUOTE_LINE.match(line):
            block_start = start
        if block_start is None:
            index += 1
            continue
        block_end = lines[index - 1][1] if index > 0 and block_start != start else end
        while index < len(lines):
            s, e = lines[index]
            current = text[s:e]
            if _QUOTE_LINE.match(current):
                block_end = e
                index += 1
            elif (
                not current.strip()
                and index + 1 < len(lines)
                and _QUOTE_LINE.match(text[lines[index + 1][0] : lines[index + 1][1]])
            ):
                index += 1
            else:
                break
        spans.append(_span(block_start, block_end))
    return spans


def _normalise_line(line: str) -> str:
    return " ".join(line.strip().rstrip(",.!:;-—–").split()).lower()


def _find_closing(
    text: str, lines: list[tuple[int, int]], closings: frozenset[str]
) -> tuple[int, Span | None]:
    """The valediction ("Sincerely,", "Best regards,") among the last lines before the
    signature, and the index of its line."""
    looked_at = 0
    for index in range(len(lines) - 1, -1, -1):
        s, e = lines[index]
        line = text[s:e]
        if not line or line.isspace():
            continue
        normalised = _normalise_line(line)
        if normalised in closings and len(normalised.split()) <= 5:
            start, end = _trim(text, s, e)
            return index, _span(start, end)
        looked_at += 1
        if looked_at == 8:  # only the last eight lines with text in them
            break
    return -1, None


def _find_greeting(text: str, lines: list[tuple[int, int]]) -> Span | None:
    """The salutation: a first line that greets ("Dear Dr. Patel,") or addresses ("Dr. Patel,")."""
    first = _first_content(text, lines)
    if first is None:
        return None
    start, end = _trim(text, *first)
    line = text[start:end]
    # Words are counted only when the punctuation leaves it open: most greetings end in a comma.
    if _GREETING_START.match(line):
        # "Dear Dr. Patel, thank you for ..." keeps only the greeting.
        comma = _GREETING_END.search(line)
        if comma and comma.end() < len(line) and len(_WORD.findall(line[: comma.start()])) <= 8:
            return _span(start, start + comma.end())
        if line.rstrip().endswith((",", ":")) or len(_WORD.findall(line)) <= 10:
            return _span(start, end)
        return None
    if line.endswith((",", ":")) and 1 <= len(_WORD.findall(line)) <= 6:
        return _span(start, end)
    return None


def _decode_header(value: str | email.header.Header) -> str:
    if isinstance(value, str) and value.isascii() and "=?" not in value:
        # No encoded words: decoding would only unfold it, and the join below does that.
        return " ".join(value.split())
    import email.policy

    try:
        decoded = str(email.policy.default.header_fetch_parse("X-Header", str(value)))
    except (LookupError, UnicodeError, ValueError, IndexError, email.errors.HeaderParseError):
        decoded = str(value)
    return " ".join(decoded.split())


def _pick_text_part(message: Message) -> Message | None:
    html: Message | None = None
    for part in message.walk():
        if part.is_multipart():
            continue
        disposition = (part.get("Content-Disposition") or "").lower()
        if disposition.startswith("attachment"):
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain":
            return part
        if content_type == "text/html" and html is None:
            html = part
    if html is None and not message.is_multipart() and isinstance(message.get_payload(), str):
        # A multipart declaration without a usable boundary: the payload is the text.
        return message
    return html


def _decode_part(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = b""
    if b"\x00" in payload:
        raise InputError("the email's text part contains binary data")
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset)
        except LookupError:
            raise InputError(
                f"the email's text part declares an unknown charset {charset!r}"
            ) from None
        except UnicodeDecodeError as error:
            raise InputError(
                f"the email's text part is not valid {charset} (byte {error.start})"
            ) from None
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        # No charset declared and not UTF-8: windows-1252 is what such mail almost always is.
        return payload.decode("cp1252", errors="replace")


def _attachment_names(message: Message) -> Iterable[str]:
    for part in message.walk():
        if part.is_multipart():
            continue
        disposition = (part.get("Content-Disposition") or "").lower()
        filename = part.get_filename()
        if disposition.startswith("attachment") or (
            filename and not part.get_content_type().startswith("text/")
        ):
            yield _decode_header(filename) if filename else part.get_content_type()
