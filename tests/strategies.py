"""Hypothesis strategies for email-like text (kept in one place, as attrs does)."""

from __future__ import annotations

from hypothesis import strategies as st

EMOJI = ["😊", "👩‍🔬", "👍🏽", "🇺🇸", "1️⃣", "❤️", "🙏🙏", "©", "™", ":)", "<3", ":smile:"]
RTL = ["שלום", "مرحبا", "\u202eevil\u202c"]
COMBINING = ["e\u0301", "n\u0303", "a\u0308\u0304"]
LAB = ["U/L", "mg/dL", "cool the samples", "super-user", "CBC", "QC", "hot block"]
SLANG = ["gonna", "awesome", "thx", "btw", "Hey", "!!", "[Company Name]", "{position}"]
WORDS = [
    "Dear",
    "Dr.",
    "Patel,",
    "Thank",
    "you",
    "for",
    "the",
    "interview",
    "tour",
    "lab",
    "Sincerely,",
]
BREAKS = ["\n", "\r\n", "\r", "\n\n", " ", "\t"]
ODD = ["\x00", "\ud800", "\udfff", "\ufeff", "\u200d", "\u2028"]

fragments = st.sampled_from(EMOJI + RTL + COMBINING + LAB + SLANG + WORDS + BREAKS + ODD)
email_like_text = st.lists(fragments | st.text(max_size=12), min_size=1, max_size=80).map("".join)
header_lines = st.sampled_from(
    [
        "Subject: Thanks!!\n",
        "To: Ana Patel <a@example.org>\n",
        "Cc: b@example.org\n",
        "Date: nope\n",
        "",
    ]
)
drafts = st.builds(lambda head, body: head + "\n" + body, header_lines, email_like_text)
