"""Declarative packs: each kind works, errors name file and field, hostile patterns are bounded."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests.conftest import check_context

from tactful import Config, PackError, RuleFailedError, check_message
from tactful.packs import check_pack, load_pack
from tactful.packs._kinds import _PLACEHOLDER, _token_texts, render

RULE_HEAD = """
[[rule]]
code = "{code}"
name = "{name}"
category = "informal"
severity = "warning"
message = "{message}"
{keys}
[rule.docs]
what = "Flags it."
why = "Because."
[rule.examples]
bad = ["{bad}"]
good = ["{good}"]
"""


def write_pack(folder: Path, body: str, name: str = "pack.toml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def lab_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    write_pack(
        folder,
        RULE_HEAD.format(
            code="LAB001",
            name="lab-jargon",
            message="“{match}” is jargon.",
            bad="Dear Dr. Patel, stat please.",
            good="Dear Dr. Patel, thank you.",
            keys='kind = "existence"\ntokens = ["stat"]\n',
        )
        + RULE_HEAD.format(
            code="LAB002",
            name="lab-swap",
            message="Use “{replacement}”.",
            bad="Dear Dr. Patel, ur kind.",
            good="Dear Dr. Patel, your tour.",
            keys='kind = "substitution"\n',
        )
        + '[rule.swap]\nur = "your"\n'
        + RULE_HEAD.format(
            code="LAB003",
            name="lab-many-sorry",
            message="{count} apologies; at most {max}.",
            bad="Sorry. Sorry. Sorry.",
            good="Sorry for the delay.",
            keys='kind = "occurrence"\ntokens = ["sorry"]\nmax = 1\n',
        )
        + RULE_HEAD.format(
            code="LAB004",
            name="lab-ticket",
            message="“{match}” is an internal id.",
            bad="See TCK-123.",
            good="See the ticket.",
            keys='kind = "pattern"\npattern = "TCK-[0-9]+"\nreplacement = "the ticket"\n',
        )
        + '[lexicon]\nclosings = ["onward"]\n',
    )
    return folder


def test_each_kind_runs_from_a_user_pack(tmp_path: Path) -> None:
    config = Config(packs=(lab_pack(tmp_path),), select=("LAB",))
    text = "Dear Dr. Patel,\n\nStat results, ur CBC, TCK-42. Sorry. Sorry again.\n\nOnward,\nJess"
    report = check_message(text, config=config)
    found = {(f.code, f.text) for f in report.findings}
    assert found == {
        ("LAB001", "Stat"),
        ("LAB002", "ur"),
        ("LAB004", "TCK-42"),
        ("LAB003", "Sorry"),
    }
    (sorry,) = [f for f in report.findings if f.code == "LAB003"]
    assert sorry.start == text.index("Sorry again")
    assert sorry.message == "2 apologies; at most 1."
    assert report.apply_fixes() == text.replace("ur CBC", "your CBC").replace(
        "TCK-42", "the ticket"
    )
    # The pack's lexicon extends the shipped closings: "Onward," is now the closing.
    assert report.parts.closing is not None
    assert report.text[report.parts.closing.start : report.parts.closing.end] == "Onward,"


def test_check_pack_runs_examples(tmp_path: Path) -> None:
    assert check_pack(lab_pack(tmp_path)) == []
    broken = write_pack(
        tmp_path,
        RULE_HEAD.format(
            code="LAB009",
            name="lab-broken",
            message="x",
            bad="nothing here",
            good="stat",
            keys='kind = "existence"\ntokens = ["stat"]\n',
        ),
        "broken.toml",
    )
    problems = check_pack(broken)
    assert any("did not flag its bad example" in p for p in problems)
    assert any("flagged its good example" in p for p in problems)


def test_shipped_packs_pass_their_own_check() -> None:
    from tactful.packs import builtin_pack_dir

    assert check_pack(builtin_pack_dir()) == []


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ('[[rule]]\ncode = "bad"\n', r"rule\[0\]"),
        (
            RULE_HEAD.format(
                code="LAB001",
                name="x",
                message="m",
                bad="b",
                good="g",
                keys='kind = "existence"\ntokens = []\n',
            ),
            r"rule\[0\]\.tokens",
        ),
        (
            RULE_HEAD.format(
                code="LAB001",
                name="x",
                message="m",
                bad="b",
                good="g",
                keys='kind = "pattern"\npattern = "(unclosed"\n',
            ),
            r"rule\[0\]\.pattern: invalid regular expression",
        ),
        (
            RULE_HEAD.format(
                code="LAB001", name="x", message="m", bad="b", good="g", keys='kind = "teleport"\n'
            ),
            r"rule\[0\]",
        ),
        (
            RULE_HEAD.format(
                code="LAB001",
                name="x",
                message="m",
                bad="b",
                good="g",
                keys='kind = "existence"\ntokens = ["a"]\ncolour = "red"\n',
            ),
            r"rule\[0\]\.colour: unknown field",
        ),
        ("[[rule]\n", "invalid TOML"),
        ("[lexicon]\nclosings = 'not a list'\n", r"lexicon\.closings"),
    ],
)
def test_broken_pack_names_file_and_field(tmp_path: Path, body: str, where: str) -> None:
    path = write_pack(tmp_path, body)
    with pytest.raises(PackError, match=rf"pack\.toml: {where}"):
        load_pack(path)


def test_pack_code_clash_is_refused(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        RULE_HEAD.format(
            code="INF001",
            name="another-slang",
            message="m",
            bad="b",
            good="g",
            keys='kind = "existence"\ntokens = ["x"]\n',
        ),
    )
    from tactful import RegistryError

    with pytest.raises(RegistryError, match=r"'inf001' of rule INF001 .* is already used"):
        check_message("Dear Dr. Patel, hi", config=Config(packs=(tmp_path,)))


def test_hostile_pattern_times_out_with_a_clear_error(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        RULE_HEAD.format(
            code="EVIL001",
            name="evil",
            message="m",
            bad="b",
            good="g",
            keys='kind = "pattern"\npattern = "(a+)+$"\n',
        ),
    )
    config = Config(packs=(tmp_path,), select=("EVIL001",))
    text = "Dear Dr. Patel,\n\n" + "a" * 5000 + "!\n"
    with pytest.raises(RuleFailedError, match=r"EVIL001 failed: TimeoutError"):
        check_message(text, config=config)


def test_placeholders_in_messages_cannot_reach_attributes(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        RULE_HEAD.format(
            code="LAB001",
            name="x",
            message="{match.__class__} {0} {match}",
            bad="b",
            good="g",
            keys='kind = "existence"\ntokens = ["stat"]\n',
        ),
    )
    config = Config(packs=(tmp_path,), select=("LAB001",))
    (finding,) = check_message("Dear Dr. Patel, stat.", config=config).findings
    assert finding.message == "{match.__class__} {0} stat"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab ,.'’\n-", "  ", "gonna", "U", "r"]), max_size=20).map("".join),
    st.data(),
)
def test_token_texts_are_those_of_the_char_span(text: str, data: st.DataObject) -> None:
    """What a substitution reads off the token tables is what ``doc.char_span`` holds."""
    ctx = check_context("Hi Sam,\n\n" + text + " thanks")
    assert ctx is not None
    # Token edges and their neighbours: aligned and misaligned ends alike.
    edges = [
        *ctx.token_starts,
        *(s + len(t) for s, t in zip(ctx.token_starts, ctx.token_texts, strict=True)),
    ]
    near = st.sampled_from(edges).flatmap(lambda edge: st.sampled_from([edge - 1, edge, edge + 1]))
    start, end = sorted((data.draw(near), data.draw(near)))
    assume(start < end)  # as every match
    span = ctx.doc.char_span(start, end)
    expected = None if span is None or len(span) == 0 else [token.text for token in span]
    assert _token_texts(ctx, start, end) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["{match}", "{count}", "{max}", "{replacement}", "{other}", "{", "}"])
        | st.text(alphabet="ab {}\n", max_size=4)
    ).map("".join),
    st.dictionaries(
        st.sampled_from(["match", "count", "max", "replacement"]),
        st.text(alphabet="ab \n\t{}", max_size=6),
    ),
)
def test_render_fills_as_one_substitution(template: str, values: dict[str, str]) -> None:
    """Each placeholder is filled once, left to right; a value holding braces is not read."""
    expected = _PLACEHOLDER.sub(
        lambda m: " ".join(values[m.group(1)].split()) if m.group(1) in values else m.group(0),
        template,
    )
    assert render(template, values) == expected
