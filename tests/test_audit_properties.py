"""Whatever a document or an audit file holds, audits answer with findings, never a traceback."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citegloss.audit_extract import extract_citations
from citegloss.cli import main
from conftest import FIXTURES
from test_properties import mangled

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
AUDIT = (FIXTURES / "audit-verdicts/glossary/audits/sample-article.yaml").read_text("utf-8")
BIB = (FIXTURES / "audit-verdicts/references.bib").read_text("utf-8")
ARTICLE = (FIXTURES / "audit-extract/article.md").read_text("utf-8")

citation_like = st.lists(
    st.sampled_from(
        ["Senge", "Argyris", "Schön", "&", "and", ",", ";", "(", ")", " ", "\n", "et al.",
         "1978", "2006a", "in", "In", "March", "Van de", "K.M.", '"', "References", "199", "x"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@SETTINGS
@given(st.text(max_size=300) | citation_like | mangled(ARTICLE))
def test_extraction_never_raises_and_quotes_the_text(text: str) -> None:
    for citation in extract_citations(text):
        assert citation.surnames and 1500 <= citation.year <= 2099
        assert citation.line >= 1
        assert citation.as_written


def run(audit_text: str) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "glossary" / "audits").mkdir(parents=True)
        (root / "glossary" / "audits" / "doc.yaml").write_text(audit_text, encoding="utf-8")
        (root / "references.bib").write_text(BIB, encoding="utf-8")
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            status = main(
                [
                    "audit",
                    "--glossary",
                    str(root / "glossary"),
                    "--bib",
                    str(root / "references.bib"),
                ]
            )
        return status, err.getvalue()


@SETTINGS
@given(mangled(AUDIT))
def test_a_mangled_audit_file_gives_findings_not_errors(text: str) -> None:
    status, err = run(text)
    assert status in (0, 1), err
    assert "internal error" not in err


audit_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "document",
                    "citations",
                    "as_written",
                    "author",
                    "year",
                    "cite",
                    "reason",
                    "venue",
                    "title",
                    "line",
                    "url",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@SETTINGS
@given(audit_values)
def test_any_yaml_structure_gives_findings_not_errors(data: object) -> None:
    status, err = run(yaml.safe_dump(data))
    assert status in (0, 1), err
    assert "internal error" not in err
