"""A deterministic corpus of follow-up emails for the benchmark, written as people write.

Every email is built from a seeded ``random.Random``, so the same seed always gives the
same corpus, byte for byte, on every machine and Python version (only ``random.Random``'s
documented ``choice``/``random``/``randint``/``shuffle`` are used, which are stable for a
given seed). Drafts mix clean notes with flawed ones: slang, text-speak, emoji, runs of
"!", unfilled placeholders, long padded paragraphs; they carry titles ("Dr.", "Ms."),
contractions and lab abbreviations, which take the tokenizer's slow path.

``.eml`` messages wrap drafts the way mail clients send them: quoted-printable UTF-8,
multipart/alternative with an HTML part, a PDF résumé attachment, a quoted reply.

    python benchmarks/corpus.py --drafts 5 --emls 2 --out /tmp/corpus   # look at some
"""

from __future__ import annotations

import argparse
import base64
import quopri
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

TITLES = ("Dr.", "Ms.", "Mr.", "Mrs.", "Prof.")
SURNAMES = (
    "Patel", "Nguyen", "Okafor", "García", "Kowalski", "O'Brien", "Chen", "Haddad",
    "Johansson", "Mensah", "Rossi", "Kim", "Ward", "Bakare", "Fitzgerald", "Iyer",
)  # fmt: skip
GIVEN = (
    "Ana", "Jess", "Tomás", "Priya", "Olumide", "Mei", "Kwame", "Siobhan", "Ravi", "Hannah",
    "Diego", "Aoife", "Chinedu", "Li Na", "Mark", "Fatima",
)  # fmt: skip
LABS = (
    "hematology", "microbiology", "blood bank", "histology", "cytology", "molecular",
    "clinical chemistry", "PCR", "phlebotomy", "QC", "environmental testing",
)  # fmt: skip
POSITIONS = (
    "Laboratory Technician", "Medical Lab Technician", "Histotechnician", "Phlebotomy Technician",
    "Microbiology Lab Tech", "QC Analyst I", "Research Technician II", "Clinical Lab Assistant",
)  # fmt: skip
ORGANIZATIONS = (
    "Riverside Medical Center", "Lakewood Regional", "St. Mary's Hospital", "Mercy Health Labs",
    "Northgate Diagnostics", "BioVance Inc.", "Greenfield Water Authority", "UCHealth Core Lab",
)  # fmt: skip
# Things people name in a specific thank-you: instruments, methods, lab jargon.
DETAILS = (
    "the Sysmex XN line and how QC runs before the morning draw",
    "your plan to validate the new Stago analyzer for PT/INR and D-dimer",
    "the move from manual Gram stains to the PREVI Isola",
    "how the team handles STAT CBCs from the ED at 3 a.m.",
    "the BSL-2 suite and its SOPs for handling TB specimens",
    "the ELISA workflow and the approx. 40-plate weekly load",
    "the LIS migration to Epic Beaker next spring",
    "cross-matching and the two-person check in the blood bank",
    "the HPLC method for HbA1c and its CAP proficiency results",
    "Westgard rules (e.g. 1-3s, 2-2s) on the Cobas 6000",
    "qPCR set-up in the clean room, i.e. one-way workflow",
    "the H&E stainer and the cryostat for frozen sections",
)  # fmt: skip
OPENERS = (
    "Thank you for taking the time to meet with me {when} about the {position} position.",
    "Thanks so much for speaking with me {when} about the {position} role at {org}.",
    "I'm writing to thank you for the interview {when} for the {position} opening.",
    "Thank you again for the conversation {when}; I really enjoyed learning about the {lab} lab.",
)  # fmt: skip
WHEN = ("yesterday", "on Tuesday", "this morning", "on Nov. 16", "last Friday", "earlier today")
MIDDLES = (
    "I especially enjoyed hearing about {detail}. It's exactly the kind of work I've done for "
    "the past {years} years at {prior}, where I ran {tests} and kept our error rate under 0.5%.",
    "Our conversation about {detail} stayed with me. At {prior} I've handled {tests}, and I'd "
    "welcome the chance to bring that experience to your {lab} team.",
    "Seeing {detail} made me even more interested in the role. I'm ASCP-certified (MLT) and "
    "have {years} years of bench experience with {tests}.",
    "You mentioned {detail}. I've worked through a similar change at {prior}, where we "
    "wrote the SOPs, trained night shift and passed our CAP inspection with no deficiencies.",
)  # fmt: skip
PRIORS = ("Quest Diagnostics", "LabCorp", "a 300-bed community hospital", "the VA", "Mayo Clinic")
TESTS = (
    "CBCs, BMPs and coag panels",
    "urine cultures and blood cultures",
    "type & screen and antibody IDs",
    "RT-PCR for SARS-CoV-2 and flu A/B",
    "paraffin embedding and microtomy",
)
CLOSERS = (
    "I'm confident I could contribute from day one, and I'd be glad to send references.",
    "Please let me know if you need anything else from me, e.g. my certification or transcripts.",
    "I look forward to hearing about next steps.",
    "I remain very interested in joining {org} and look forward to hearing from you.",
)
CLOSINGS = ("Best regards,", "Sincerely,", "Kind regards,", "Thank you,", "Best,")
# Long notes pad the middle with more of what people actually add.
PADDING = (
    "I also wanted to mention that I completed my MLS clinical rotations in {lab}, where I "
    "learned to troubleshoot analyzer flags, rerun delta checks and document corrective "
    "actions in the QC log.",
    "Outside of work I've volunteered at a free clinic doing point-of-care glucose and "
    "A1c testing, which taught me to explain results calmly to patients who're nervous.",
    "I'm comfortable rotating shifts, including weekends and holidays, and I've covered "
    "evenings on short notice when the lab was short-staffed during flu season.",
    "I noticed on your website that {org} is expanding its outreach draws to rural clinics; "
    "I grew up near there and would be glad to help with courier logistics and specimen "
    "integrity checks.",
)  # fmt: skip

# Flaws people actually make, inserted into otherwise ordinary notes.
FLAWS = {
    "slang": (
        "The tour was awesome and I'm gonna be honest, your team seems super chill.",
        "Tbh it was a cool chat and I wanna join ASAP.",
    ),
    "emoji": (
        "Thanks again 😊🙏",
        "I had a great time 👩‍🔬🧪 :)",
        "Looking forward to it 👍🏽",
    ),
    "exclamations": (
        "I'm SO excited about this opportunity!!!",
        "Thank you so much!! Really!!",
    ),
    "placeholders": (
        "I'm thrilled about the [Position] role at {company}.",
        "Please pass my thanks to XXX as well.",
    ),
    "text-speak": ("Pls lmk if u need anything else, thx.", "BTW I'm free tmrw 2 talk."),
}
GREETINGS = (
    "Dear {title} {surname},",
    "Hello {title} {surname},",
    "Hi {given},",
    "Hey {title} {surname}!",
)


def _fill(template: str, slots: dict[str, str]) -> str:
    for key, value in slots.items():
        template = template.replace("{" + key + "}", value)
    return template


def _slots(rng: random.Random) -> dict[str, str]:
    return {
        "title": rng.choice(TITLES),
        "surname": rng.choice(SURNAMES),
        "given": rng.choice(GIVEN),
        "sender": f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}",
        "position": rng.choice(POSITIONS),
        "org": rng.choice(ORGANIZATIONS),
        "lab": rng.choice(LABS),
        "when": rng.choice(WHEN),
        "detail": rng.choice(DETAILS),
        "prior": rng.choice(PRIORS),
        "tests": rng.choice(TESTS),
        "years": str(rng.randint(2, 9)),
    }


def _paragraph(rng: random.Random, templates: tuple[str, ...], slots: dict[str, str]) -> str:
    return _fill(rng.choice(templates), slots)


def draft(rng: random.Random, *, flawed: bool, long: bool) -> str:
    """One follow-up draft: optional Subject line, greeting, 2-5 paragraphs, closing, name."""
    slots = _slots(rng)
    greeting = _fill(rng.choice(GREETINGS[:2] if not flawed else GREETINGS), slots)
    paragraphs = [
        _paragraph(rng, OPENERS, slots) + " " + _paragraph(rng, MIDDLES, slots),
        _paragraph(rng, MIDDLES, {**slots, "detail": rng.choice(DETAILS)}),
    ]
    # Clean notes stay within four paragraphs (LEN002); long ones run to six or seven.
    for _ in range(rng.randint(3, 4) if long else rng.randint(0, 1)):
        paragraphs.append(_paragraph(rng, PADDING, slots))
    paragraphs.append(_paragraph(rng, CLOSERS, slots))
    if flawed:
        for kind in rng.sample(sorted(FLAWS), k=rng.randint(1, 3)):
            flaw = _fill(rng.choice(FLAWS[kind]), {"company": "[Company Name]"})
            where = rng.randrange(len(paragraphs))
            paragraphs[where] = paragraphs[where] + " " + flaw
    body = "\n\n".join(paragraphs)
    lines = []
    if rng.random() < 0.7:
        lines.append(f"Subject: Thank you - {slots['position']} interview")
        lines.append("")
    closing = rng.choice(CLOSINGS)
    lines += [greeting, "", body, "", closing, slots["sender"]]
    if rng.random() < 0.4:
        lines.append(f"({rng.randint(200, 989)}) 555-{rng.randint(1000, 9999)}")
    return "\n".join(lines) + "\n"


def drafts(count: int, seed: int = 2026) -> list[str]:
    """``count`` drafts: about 40% clean, 45% flawed, 15% long and padded."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        roll = rng.random()
        out.append(draft(rng, flawed=0.4 <= roll < 0.85 or roll >= 0.95, long=roll >= 0.85))
    return out


def _address(name: str, domain: str) -> str:
    local = "".join(c for c in name.lower().replace(" ", ".") if c.isalnum() or c == ".")
    return f"{name} <{local}@{domain}>"


def eml(rng: random.Random, index: int) -> bytes:
    """One RFC 822 message wrapping a draft, shaped like what mail clients send."""
    text = draft(rng, flawed=rng.random() < 0.5, long=rng.random() < 0.15)
    if text.startswith("Subject:"):
        subject, _, body = text.partition("\n\n")
        subject = subject.removeprefix("Subject: ")
    else:
        subject, body = "Following up on my interview", text
    sender = _address(f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}", "gmail.com")
    recipient = _address(f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}", "hospital.example")
    sent = datetime(2026, 11, 2, 14, 0, tzinfo=UTC) + timedelta(minutes=37 * index)
    shape = rng.choice(("qp", "qp", "8bit", "alternative", "attachment", "reply"))
    if shape == "reply":
        quoted = "\n".join(
            "> " + line
            for line in (
                f"Hi {sender.split()[0]},",
                "",
                "Thanks for coming in. We'll be in touch about next steps by Friday.",
                "",
                "Best,",
                recipient.split(" <")[0],
            )
        )
        body = f"{body}\nOn Mon, Nov 2, 2026 at 9:14 AM {recipient} wrote:\n{quoted}\n"
    head = [
        f"From: {sender}",
        f"To: {recipient}",
        f"Subject: {subject}",
        f"Date: {format_datetime(sent)}",
        f"Message-ID: <{index:08d}.{rng.randint(10**8, 10**9)}@mail.gmail.com>",
        "MIME-Version: 1.0",
    ]
    if shape in ("qp", "reply"):
        encoded = quopri.encodestring(body.encode("utf-8")).decode("ascii")
        head += [
            'Content-Type: text/plain; charset="UTF-8"',
            "Content-Transfer-Encoding: quoted-printable",
        ]
        message = "\n".join(head) + "\n\n" + encoded
    elif shape == "8bit":
        head += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
        message = "\n".join(head) + "\n\n" + body
    else:
        boundary = f"000000000000{index:08x}"
        plain = quopri.encodestring(body.encode("utf-8")).decode("ascii")
        html_body = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        html = quopri.encodestring(f'<div dir="ltr">{html_body}</div>'.encode()).decode("ascii")
        alternative = (
            f'Content-Type: multipart/alternative; boundary="{boundary}a"\n\n'
            f"--{boundary}a\n"
            'Content-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
            f"{plain}\n--{boundary}a\n"
            'Content-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
            f"{html}\n--{boundary}a--\n"
        )
        if shape == "alternative":
            message = "\n".join(head) + "\n" + alternative
        else:
            pdf = base64.encodebytes(b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(600)))
            message = (
                "\n".join(head)
                + f'\nContent-Type: multipart/mixed; boundary="{boundary}m"\n\n'
                + f"--{boundary}m\n{alternative}\n--{boundary}m\n"
                + 'Content-Type: application/pdf; name="Resume.pdf"\n'
                + 'Content-Disposition: attachment; filename="Resume.pdf"\n'
                + "Content-Transfer-Encoding: base64\n\n"
                + pdf.decode("ascii")
                + f"--{boundary}m--\n"
            )
    return message.replace("\n", "\r\n").encode("utf-8")


def emls(count: int, seed: int = 822) -> list[bytes]:
    rng = random.Random(seed)
    return [eml(rng, index) for index in range(count)]


def iter_drafts(count: int, seed: int = 2026) -> Iterator[str]:
    """``count`` fresh drafts, generated one at a time, each with a unique reference number.

    For long batches: nothing is held, and every email brings words no other email has
    (as names and numbers do in real mail), so memory that grows per unique word shows.
    """
    rng = random.Random(seed)
    for index in range(count):
        roll = rng.random()
        text = draft(rng, flawed=0.4 <= roll < 0.85 or roll >= 0.95, long=roll >= 0.85)
        reference = f"My application number is LT-{index:07d}-{rng.randrange(16**6):06x}."
        closing_at = text.rfind("\n\n", 0, text.rfind("\n\n"))
        yield f"{text[:closing_at]} {reference}{text[closing_at:]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=5)
    parser.add_argument("--emls", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for index, text in enumerate(drafts(args.drafts, args.seed)):
        (args.out / f"draft-{index:04d}.txt").write_text(text, encoding="utf-8")
    for index, data in enumerate(emls(args.emls, args.seed)):
        (args.out / f"message-{index:04d}.eml").write_bytes(data)


if __name__ == "__main__":
    main()
