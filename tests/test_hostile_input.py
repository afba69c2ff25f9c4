"""Hostile input, as an attacker or a careless contributor writes it: every command answers with a
finding (or a clear message) naming the file, never a traceback, inside the 500 MB cap.

Each test is one class of the issue's list, with more members than the examples it named; big inputs
are generated here, in tmp_path. Times are measured (benchmarks/hostile_bench.py prints them), not
asserted.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from bounded import BoundedRun, run_bounded
from citegloss import limits
from citegloss.mkdocs_plugin import CiteglossPlugin
from fuzz import fuzz

FIXTURES = Path(__file__).parent / "fixtures"
CONCEPT = "glossary/organizational-learning.yaml"
AUDIT = "glossary/audits/sample-post.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small valid project (concepts, an audit, references.bib) to break one thing in."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "audit-site", root)
    return root


def check(root: Path, *extra: str, env: dict[str, str] | None = None) -> BoundedRun:
    return run_bounded(["check", *extra], root, env=env)


def audit(root: Path, *extra: str, env: dict[str, str] | None = None) -> BoundedRun:
    return run_bounded(["audit", *extra], root, env=env)


def test_the_untouched_project_is_clean(project: Path) -> None:
    """The base every hostile case breaks: without the break, both commands pass."""
    assert check(project).returncode == 0
    assert audit(project).returncode == 0


# --- YAML alias expansion ("billion laughs") --------------------------------------------------


def _laughs(levels: int = 9, width: int = 9, name: str = "a") -> str:
    """A flow list whose items are lists that expand to width**levels scalars."""
    first = f"&{name}0 [{', '.join(['lol'] * width)}]"
    rest = [f"&{name}{i} [{', '.join([f'*{name}{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return f"[{', '.join([first, *rest])}]"


ALIAS_CONCEPTS = {
    "related": f"term: T\nrelated: {_laughs()}\ndefinitions: []\n",
    "definitions": (
        "term: T\ndefinitions:\n  - &d0 {author: Senge, year: 2006, cite: senge2006fifth}\n"
        + "".join(f"  - &d{i} [{', '.join([f'*d{i - 1}'] * 9)}]\n" for i in range(1, 10))
    ),
    "mapping-key": f"term: T\ndefinitions: []\nx: {_laughs()}\n? *a9\n: value\n",
    "next-to-a-repeated-key": f"term: T\nterm: U\naliases: {_laughs()}\ndefinitions: []\n",
    "merge-key": "base: &b {term: T, definitions: []}\n<<: *b\n",
    "recursive": "term: &t [*t]\ndefinitions: []\n",
    "anchor-alone": "term: &t T\ndefinitions: []\n",
}


@pytest.mark.parametrize("case", sorted(ALIAS_CONCEPTS))
def test_alias_expansion_in_a_concept_is_refused(project: Path, case: str) -> None:
    (project / CONCEPT).write_text(ALIAS_CONCEPTS[case], encoding="utf-8")
    run = check(project)
    run.assert_clean_failure("yaml-error", CONCEPT)
    assert "alias" in run.output or "anchor" in run.output


@pytest.mark.parametrize("field", ["citations", "document"])
def test_alias_expansion_in_an_audit_is_refused(project: Path, field: str) -> None:
    (project / AUDIT).write_text(f"{field}: {_laughs()}\n", encoding="utf-8")
    audit(project).assert_clean_failure("yaml-error", AUDIT)
    # the site and `check` read the audit files too: they stay bounded (check ignores its problems)
    assert check(project).returncode == 0


# --- file size limits ---------------------------------------------------------------------------


def _grow(path: Path, size: int) -> None:
    """`path` padded with a YAML comment (or BibTeX text) to `size` bytes."""
    with path.open("ab") as out:
        out.write(b"\n#" + b"x" * (size - path.stat().st_size - 3) + b"\n")


def _fill(path: Path, size: int) -> None:
    """`path` grown to about `size` bytes with content a parser must build: list items in YAML,
    entries in BibTeX (what a 50 MB concept file cost before: 105 s and 4.4 GB)."""
    if path.suffix == ".bib":
        pad = b"".join(b"@misc{pad%d, title = {Padding}}\n" % i for i in range(size // 30))
    else:
        pad = b"padding:\n" + b"  - [words, more words, and more]\n" * (size // 34)
    with path.open("ab") as out:
        out.write(b"\n" + pad)


def test_a_concept_file_past_the_limit_is_refused_unread(project: Path) -> None:
    _fill(project / CONCEPT, 50 * 1024 * 1024)
    run = check(project)
    run.assert_clean_failure("file-too-large", CONCEPT)
    assert "CITEGLOSS_MAX_CONCEPT_BYTES" in run.output


def test_an_audit_file_past_the_limit_is_refused_unread(project: Path) -> None:
    _fill(project / AUDIT, 2 * 1024 * 1024)
    run = audit(project)
    run.assert_clean_failure("file-too-large", AUDIT)
    assert "CITEGLOSS_MAX_AUDIT_BYTES" in run.output


@pytest.mark.parametrize("command", [check, audit])
def test_a_bibliography_past_the_limit_is_refused_unread(
    project: Path, command: Callable[..., BoundedRun]
) -> None:
    _fill(project / "references.bib", 40 * 1024 * 1024)
    run = command(project)
    run.assert_clean_failure("file-too-large", "references.bib", exit_code=2)
    assert "CITEGLOSS_MAX_BIB_BYTES" in run.output


def test_an_audit_source_past_the_limit_is_refused_unread(project: Path) -> None:
    source = project / "huge.txt"
    source.write_bytes(b"Senge (2006) says so.\n" * (9 * 1024 * 1024 // 22 + 1))
    run = run_bounded(["audit", "extract", "huge.txt", "-o", "-"], project)
    run.assert_clean_failure("file-too-large", "huge.txt", exit_code=2)
    assert "CITEGLOSS_MAX_SOURCE_BYTES" in run.output


def test_the_limits_can_be_lowered_and_raised(project: Path) -> None:
    lowered = check(project, env={"CITEGLOSS_MAX_CONCEPT_BYTES": "100"})
    lowered.assert_clean_failure("file-too-large", CONCEPT)
    _grow(project / CONCEPT, 1024 * 1024 + 10)
    assert check(project).returncode == 1
    assert check(project, env={"CITEGLOSS_MAX_CONCEPT_BYTES": "2000000"}).returncode == 0


@pytest.mark.parametrize("value", ["lots", "-1", "1.5"])
def test_a_limit_that_is_not_a_number_of_bytes_is_named(project: Path, value: str) -> None:
    run = check(project, env={"CITEGLOSS_MAX_BIB_BYTES": value})
    run.assert_clean_failure("CITEGLOSS_MAX_BIB_BYTES", value, exit_code=2)


# --- numbers of thousands of digits -------------------------------------------------------------

HUGE_NUMBERS = {
    "decimal": "9" * 5000,
    "hex": "0x" + "f" * 5000,
    "octal": "0" + "7" * 5000,
    "binary": "0b" + "1" * 20000,
    "sexagesimal": "1" + ":30" * 3000,
    "underscored": "1_000" * 1500,
}


@pytest.mark.parametrize("field", ["year", "pages"])
@pytest.mark.parametrize("number", sorted(HUGE_NUMBERS))
def test_a_huge_number_in_a_concept_is_a_finding(project: Path, field: str, number: str) -> None:
    path = project / CONCEPT
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("year: 1991", f"{field}: {HUGE_NUMBERS[number]}", 1)
        if field == "year"
        else text.replace('pages: "89"', f"pages: {HUGE_NUMBERS[number]}", 1),
        encoding="utf-8",
    )
    run = check(project)
    run.assert_clean_failure("yaml-error", f"{CONCEPT}:9:" if field == "year" else CONCEPT)
    assert "digits" in run.output


@pytest.mark.parametrize("field", ["year", "line"])
def test_a_huge_number_in_an_audit_is_a_finding(project: Path, field: str) -> None:
    path = project / AUDIT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"{field}: ", f"{field}: 0x{'f' * 4000} #", 1), encoding="utf-8")
    audit(project).assert_clean_failure("yaml-error", AUDIT)


# --- explicit YAML tags ---------------------------------------------------------------------------

TAGS = {
    "bool": "!!bool maybe",
    "timestamp": "!!timestamp soon",
    "int-empty": "!!int ''",
    "float": "!!float many",
    "seq-on-map": "!!seq {a: 1}",
    "map-on-seq": "!!map [a]",
    "python": "!!python/object/apply:os.system [echo owned]",
    "binary": "!!binary aGVsbG8=",
    "set": "!!set {a, b}",
    "omap": "!!omap [a: 1]",
    "unknown": "!foo bar",
    "non-specific": "! 1978",
    "verbatim": "!<tag:example.org,2000:x> y",
}


@pytest.mark.parametrize("case", sorted(TAGS))
def test_an_explicit_tag_in_a_concept_is_a_finding(project: Path, case: str) -> None:
    path = project / CONCEPT
    text = path.read_text(encoding="utf-8").replace("year: 1991", f"year: {TAGS[case]}", 1)
    path.write_text(text, encoding="utf-8")
    run = check(project)
    run.assert_clean_failure("yaml-error", f"{CONCEPT}:9:")
    assert "tag" in run.output


@pytest.mark.parametrize("case", ["timestamp", "python", "binary", "unknown"])
def test_an_explicit_tag_in_an_audit_is_a_finding(project: Path, case: str) -> None:
    path = project / AUDIT
    text = path.read_text(encoding="utf-8").replace("year: 2023", f"year: {TAGS[case]}", 1)
    path.write_text(text, encoding="utf-8")
    audit(project).assert_clean_failure("yaml-error", f"{AUDIT}:4:")


@pytest.mark.parametrize("value", ["2001-13-45", "1999-02-30 25:61:00"])
def test_an_impossible_date_is_a_schema_error_at_its_line(project: Path, value: str) -> None:
    path = project / CONCEPT
    text = path.read_text(encoding="utf-8").replace("year: 1991", f"year: {value}", 1)
    path.write_text(text, encoding="utf-8")
    check(project).assert_clean_failure("schema-error", f"{CONCEPT}:9:")


#: The most values a file of the size limit can hold, in three shapes.
MANY_VALUES = {
    "flow-list": "x: [" + "a," * 500_000 + "]\n",
    "block-list": "x:\n" + "- a\n" * 250_000,
    "flow-mapping": "x: {" + "".join(f"{i}: 1," for i in range(100_000)) + "}\n",
}


@pytest.mark.parametrize("case", sorted(MANY_VALUES))
def test_a_file_of_a_million_tiny_values_is_refused_early(project: Path, case: str) -> None:
    path = project / CONCEPT
    path.write_text(path.read_text(encoding="utf-8") + MANY_VALUES[case], encoding="utf-8")
    assert path.stat().st_size < 1024 * 1024
    run = check(project)
    run.assert_clean_failure("yaml-error", CONCEPT)
    assert "values" in run.output


#: Files just inside every limit whose values are all wrong: each is a finding, in linear time
#: (jsonschema compared 12,000 mappings pairwise for `uniqueItems`: minutes).
MANY_WRONG_VALUES = {
    "aliases-of-mappings": ("schema-error", "aliases: [OL]", "aliases: [" + ",".join(f"{{a: {i}}}" for i in range(7_000)) + "]"),
    "related-unknown": ("unknown-related", "related: [learning-organization]", "related: [" + ",".join(f"c-{i}" for i in range(24_000)) + "]"),
    "definitions-unknown-keys": ("unknown-key", "definitions:\n", "definitions:\n" + "".join(
        f"  - {{author: Zed{i}, year: 1990, cite: key{i}, paraphrase: p}}\n" for i in range(2_700)
    )),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(MANY_WRONG_VALUES))
def test_a_file_of_many_wrong_values_is_checked_in_linear_time(project: Path, case: str) -> None:
    path = project / CONCEPT
    code, old, new = MANY_WRONG_VALUES[case]
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    run = check(project)
    run.assert_clean_failure(code, CONCEPT)
    assert "more than 25,000 values" not in run.output
    assert _longest_message(run) < 400


@pytest.mark.parametrize("depth", [200, 100_000])
def test_deep_nesting_is_a_finding(project: Path, depth: int) -> None:
    (project / CONCEPT).write_text(
        "term: T\ndefinitions: " + "[" * depth + "]" * depth + "\n", encoding="utf-8"
    )
    run = check(project)
    run.assert_clean_failure("yaml-error", CONCEPT)
    assert "nested" in run.output


# --- folders and files that cannot be read --------------------------------------------------------


UNREADABLE = {
    "glossary-no-access": ("glossary", 0o000, "check"),
    "glossary-not-searchable": ("glossary", 0o444, "check"),
    "audits-no-access": ("glossary/audits", 0o000, "audit"),
    "audits-not-searchable": ("glossary/audits", 0o444, "audit"),
    "bib-unreadable": ("references.bib", 0o000, "check"),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_an_unreadable_folder_is_named_with_exit_2(project: Path, case: str) -> None:
    where, mode, command = UNREADABLE[case]
    (project / where).chmod(mode)
    try:
        run = run_bounded([command], project, unprivileged=True)
    finally:
        (project / where).chmod(0o755)
    run.assert_clean_failure("ermission denied", where, exit_code=2)


def test_an_unreadable_concept_file_is_a_finding(project: Path) -> None:
    (project / CONCEPT).chmod(0)
    run = run_bounded(["check"], project, unprivileged=True)
    run.assert_clean_failure("yaml-error", CONCEPT)


# --- file names that are not UTF-8, on a strict UTF-8 stdout --------------------------------------

STRICT = {"PYTHONIOENCODING": "utf-8:strict"}


@pytest.mark.parametrize("output", ["text", "json", "github"])
@pytest.mark.parametrize("folder", ["glossary", "glossary/audits"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped(
    project: Path, folder: str, output: str
) -> None:
    shutil.copy(project / CONCEPT if folder == "glossary" else project / AUDIT, project / "x")
    os.rename(project / "x", os.path.join(os.fsencode(project / folder), b"caf\xe9.yaml"))
    run = run_bounded(
        ["check" if folder == "glossary" else "audit", "--format", output], project, env=STRICT
    )
    # JSON escapes the byte as a reader decodes it back (\udce9 is how Python names byte 0xE9)
    run.assert_clean_failure("schema-error", "caf\\udce9" if output == "json" else "caf\\xe9")


def test_a_folder_name_that_is_not_utf8_is_shown_escaped(project: Path) -> None:
    os.rename(project / "glossary", os.path.join(os.fsencode(project), b"gl\xff"))
    run = run_bounded(["check", "--glossary", os.fsdecode(b"gl\xff")], project, env=STRICT)
    assert "Traceback" not in run.output
    assert (run.returncode, "internal error" in run.output) == (0, False)


# --- wrong messages: control characters, huge values, the wrong kind of path ----------------------

CONTROLS = ["\x00", "\x01", "\x08", "\x1b", "\x7f", "\ufffe", "\x9b"]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_a_control_character_is_reported_at_its_line_and_column(project: Path, char: str) -> None:
    path = project / CONCEPT
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[6] = lines[6][:4] + char + lines[6][4:]
    path.write_text("".join(lines), encoding="utf-8")
    run = check(project)
    run.assert_clean_failure("yaml-error", f"{CONCEPT}:7:5:")
    assert f"U+{ord(char):04X}" in run.output
    assert "position" not in run.output


def test_an_audit_with_a_control_character_names_its_line(project: Path) -> None:
    path = project / AUDIT
    path.write_text(path.read_text(encoding="utf-8") + "  # \x07 bell\n", encoding="utf-8")
    lines = path.read_text(encoding="utf-8").count("\n")
    audit(project).assert_clean_failure("yaml-error", f"{AUDIT}:{lines}:5:")


def _longest_message(run: BoundedRun) -> int:
    return max(len(line) for line in run.output.splitlines())


def test_too_many_definitions_say_how_many_and_the_limit(project: Path) -> None:
    item = "  - {author: Senge, year: 2006, cite: senge2006fifth, paraphrase: words words}\n"
    (project / CONCEPT).write_text("term: T\ndefinitions:\n" + item * 201, encoding="utf-8")
    run = check(project)
    run.assert_clean_failure("schema-error", CONCEPT)
    assert "201" in run.output and "200" in run.output
    assert _longest_message(run) < 300


HUGE_VALUES = {
    "aliases": "aliases: [" + ", ".join(f"a{i}" for i in range(5000)) + "]",
    "related": "related: [" + ", ".join(f"r{i}" for i in range(5000)) + "]",
    "nature": "nature-typo: 1\n" + "summary: " + "x" * 100_000,
    "unknown-key": "? " + "k" * 100_000 + "\n: 1",
    "enum": "definitions: [{author: A, year: 2000, cite: c, paraphrase: p, "
    "facets: {nature: " + "p" * 100_000 + "}}]",
    "pattern": "related: [" + "X" * 50_000 + "]",
    "type": "term: [" + ", ".join(["x" * 50] * 2000) + "]",
    "repeated-key": "term: T\n" + ("? " + "k" * 50_000 + "\n: 1\n") * 2,
}


@pytest.mark.parametrize("case", sorted(HUGE_VALUES))
def test_schema_messages_never_echo_huge_values(project: Path, case: str) -> None:
    path = project / CONCEPT
    path.write_text(path.read_text(encoding="utf-8") + HUGE_VALUES[case] + "\n", encoding="utf-8")
    run = check(project)
    run.assert_clean_failure("schema-error", CONCEPT)
    assert _longest_message(run) < 400


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _link_to_nowhere(root: Path) -> None:
    (root / "gone.bib").symlink_to(root / "nowhere.bib")


#: case -> (arguments, what to make first, the path named, what it is said to be)
WRONG_KINDS: dict[str, tuple[list[str], Callable[[Path], object] | None, str, str]] = {
    "glossary-is-a-file": (["check", "--glossary", "references.bib"], None, "references.bib", "not a folder"),
    "glossary-is-a-fifo": (["check", "--glossary", "pipe"], lambda p: _fifo(p / "pipe"), "pipe", "pipe"),
    "bib-is-a-folder": (["check", "--bib", "glossary"], None, "glossary", "folder"),
    "bib-is-a-fifo": (["check", "--bib", "pipe"], lambda p: _fifo(p / "pipe"), "pipe", "pipe"),
    "bib-is-a-dangling-link": (["check", "--bib", "gone.bib"], _link_to_nowhere, "gone.bib", "symbolic link"),
    "audits-is-a-file": (["audit", "--audits", "references.bib"], None, "references.bib", "not a folder"),
    "audit-bib-is-a-fifo": (["audit", "--bib", "pipe"], lambda p: _fifo(p / "pipe"), "pipe", "pipe"),
    "document-is-a-fifo": (["audit", "extract", "pipe", "-o", "-"], lambda p: _fifo(p / "pipe"), "pipe", "pipe"),
    "document-is-a-device": (["audit", "extract", "/dev/zero", "-o", "-"], None, "/dev/zero", "device"),
    "extract-bib-is-a-folder": (
        ["audit", "extract", "references.bib", "-o", "-", "--bib", "glossary"], None, "glossary", "folder"
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(WRONG_KINDS))
def test_a_path_of_the_wrong_kind_says_what_it_is(project: Path, case: str) -> None:
    args, make, named, kind = WRONG_KINDS[case]
    if make:
        make(project)
    run = run_bounded(args, project)
    run.assert_clean_failure(kind, f"'{named}'", exit_code=2)
    assert f"'{named}' does not exist" not in run.output


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n"])
def test_an_empty_audit_file_gets_advice_for_an_audit(project: Path, text: str) -> None:
    (project / AUDIT).write_text(text, encoding="utf-8")
    run = audit(project)
    run.assert_clean_failure("schema-error", AUDIT)
    assert "concept" not in run.output and "citations" in run.output


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_an_empty_concept_file_gets_advice_for_a_concept(project: Path, text: str) -> None:
    (project / CONCEPT).write_text(text, encoding="utf-8")
    run = check(project)
    run.assert_clean_failure("schema-error", CONCEPT)
    assert "term" in run.output


# --- the MkDocs plugin says what the CLI says -----------------------------------------------------


def _plugin(
    root: Path, glossary: str = "glossary", bib: str = "references.bib"
) -> tuple[CiteglossPlugin, MkDocsConfig]:
    (root / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig(config_file_path=str(root / "mkdocs.yml"))
    options = {"glossary_dir": glossary, "bib_file": bib, "extra_pages": [AUDIT_PAGES]}
    config.load_dict(
        {"site_name": "t", "docs_dir": str(root / "docs"), "plugins": [{"citegloss": options}]}
    )
    assert config.validate() == ([], [])
    assert isinstance(config.plugins["citegloss"], CiteglossPlugin)
    return config


AUDIT_PAGES = "citegloss.render.audit:audit_pages"


def _without_hint(message: str) -> str:
    """The message without the hint that names the option (`--bib FILE` or `bib_file`)."""
    return re.sub(r" \((use --|set )[^)]*\)", "", message)


def _bad_limit(root: Path) -> dict[str, str]:
    return {"CITEGLOSS_MAX_CONCEPT_BYTES": "many"}


#: case -> (glossary, bib, what to do first; returns extra environment)
CANNOT_RUN: dict[str, tuple[str, str, Callable[[Path], dict[str, str] | None]]] = {
    "glossary-missing": ("nowhere", "references.bib", lambda p: None),
    "glossary-is-a-file": ("references.bib", "references.bib", lambda p: None),
    "bib-missing": ("glossary", "missing.bib", lambda p: None),
    "bib-is-a-folder": ("glossary", "glossary", lambda p: None),
    "bib-is-a-fifo": ("glossary", "pipe", lambda p: _fifo(p / "pipe") and None),
    "bib-is-a-dangling-link": ("glossary", "gone.bib", lambda p: _link_to_nowhere(p)),
    "bib-too-large": ("glossary", "references.bib", lambda p: {"CITEGLOSS_MAX_BIB_BYTES": "10"}),
    "bib-not-utf8": (
        "glossary", "references.bib", lambda p: (p / "references.bib").write_bytes(b"\xff@") and None
    ),
    "bad-limit": ("glossary", "references.bib", _bad_limit),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CANNOT_RUN))
def test_the_plugin_reports_what_the_cli_reports(
    project: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary, bib, make = CANNOT_RUN[case]
    env = make(project) or {}
    run = run_bounded(["check", "--glossary", glossary, "--bib", bib], project, env=env)
    assert (run.returncode, "Traceback" in run.output) == (2, False), run.output
    said = run.stderr.strip().removeprefix("citegloss: error: ").replace(f"{project}/", "")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(project)
    config = _plugin(project, glossary, bib)
    with pytest.raises(PluginError) as raised:
        config.plugins.on_files(Files([]), config=config)
    # the plugin names paths absolute (relative to mkdocs.yml); the CLI as typed
    message = str(raised.value).removeprefix("citegloss: ").replace(f"{project}/", "")
    assert _without_hint(message) == _without_hint(said)


HOSTILE_CONCEPTS = {
    "alias": ALIAS_CONCEPTS["related"],
    "huge-year": "term: T\ndefinitions:\n  - {author: A, year: 0x" + "f" * 5000 + ", cite: c}\n",
    "tag": "term: !!python/object/apply:os.system [id]\ndefinitions: []\n",
    "control": "term: T\x01\ndefinitions: []\n",
    "deep": "term: T\ndefinitions: " + "[" * 10_000 + "]" * 10_000 + "\n",
}


@pytest.mark.parametrize("where", [CONCEPT, AUDIT])
@pytest.mark.parametrize("case", sorted(HOSTILE_CONCEPTS))
def test_the_plugin_reports_a_hostile_file_with_its_finding(
    project: Path,
    case: str,
    where: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    (project / where).write_text(HOSTILE_CONCEPTS[case], encoding="utf-8")
    monkeypatch.chdir(project)
    config = _plugin(project)
    if where == CONCEPT:  # a concept's error stops the build
        with pytest.raises(PluginError, match="Fix the errors above"):
            config.plugins.on_files(Files([]), config=config)
    else:  # an audit file's is logged as an error (--strict fails on it), and the pages are made
        files = config.plugins.on_files(Files([]), config=config)
        assert "audits/index.md" in {f.src_uri for f in files}
    assert f"{where}:" in caplog.text and "yaml-error" in caplog.text


# --- fuzzing ------------------------------------------------------------------------------------


def test_a_few_hundred_random_mutations_never_crash() -> None:
    """The short run of `make fuzz` (tests/fuzz.py): a fixed seed, so a failure reproduces."""
    tally = fuzz(300, seed=8)
    assert not tally.crashes, "\n".join(f"{w}: {d[:500]!r}\n{t}" for w, d, t in tally.crashes)
    # the mutations reach every stage: findings, clean runs, and rendered sites
    seen = " ".join(tally.outcomes)
    assert all(outcome in seen for outcome in ("exit-0", "exit-1", "rendered-", "not-rendered"))


def test_the_limits_and_the_new_code_are_documented() -> None:
    page = (Path(__file__).parents[1] / "docs" / "codes.md").read_text(encoding="utf-8")
    assert "\n## file-too-large\n" in page and "[`file-too-large`](#file-too-large)" in page
    for limit in limits.ALL:
        assert f"| {limit.default // limits.MiB} MiB | `{limit.variable}` |" in page
