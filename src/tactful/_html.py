"""The visible text of an HTML mail part (its own module: only emails with no plain-text
part need html.parser, so a plain draft never imports it)."""

from __future__ import annotations

from html.parser import HTMLParser

import regex


class _HTMLText(HTMLParser):
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "table",
            "ul",
            "ol",
        }
    )
    _SKIP = frozenset({"style", "script", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK and tag != "br":
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.out.append(" ".join(data.split()) if data.strip() else (" " if data else ""))


def html_to_text(html: str) -> str:
    """Visible text of an HTML mail part, paragraphs kept as blank-line-separated blocks."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.out)
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    text = "\n".join(lines)
    return str(regex.sub(r"\n{3,}", "\n\n", text)).strip() + "\n"
