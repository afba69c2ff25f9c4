"""Whatever a contributor writes, the checker answers with findings and exit 0, 1 or 2: never raises."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citegloss.cli import main
from conftest import FIXTURES

VALID_YAML = (FIXTURES / "tricky-but-correct/glossary/organizational-learning.yaml").read_text(
    "utf-8"
)
VALID_BIB = (FIXTURES / "tricky-but-correct/references.bib").read_text("utf-8")

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mangled(draw: st.DrawFn, text: str) -> str:
    """Valid text with a few cuts, insertions and swaps: the mistakes hands make."""
    chars = list(text)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(chars)))
        action = draw(st.sampled_from(["delete", "insert", "replace", "truncate"]))
        piece = draw(st.sampled_from([*list("{}[]:,-'\"\\@#&\n\t "), "et al.", '\\"o', "%", "---"]))
        if action == "delete":
            del chars[at : at + draw(st.integers(1, 20))]
        elif action == "insert":
            chars[at:at] = list(piece)
        elif action == "replace" and at < len(chars):
            chars[at] = piece
        elif action == "truncate":
            del chars[at:]
    return "".join(chars)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "term",
                    "definitions",
                    "author",
                    "year",
                    "cite",
                    "quote",
                    "pages",
                    "facets",
                    "related",
                    "contrasts",
                    "with",
                    "points",
                    "paraphrase",
                    "levels",
                    "x",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=30,
)
yaml_texts = st.one_of(
    st.text(max_size=400),
    mangled(VALID_YAML),
    yaml_values.map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
)
bib_texts = st.one_of(st.text(max_size=400), mangled(VALID_BIB))
file_names = st.sampled_from(["organizational-learning.yaml", "Bad Name.yaml", "x.yml", "a-1.yaml"])


def run_checker(concept: str | bytes, bib: str | bytes, name: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "glossary").mkdir()
        for path, content in ((root / "glossary" / name, concept), (root / "references.bib", bib)):
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", errors="surrogatepass")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            for output in ("text", "json", "github"):
                status = main(
                    [
                        "check",
                        "--glossary",
                        str(root / "glossary"),
                        "--bib",
                        str(root / "references.bib"),
                        "--format",
                        output,
                    ]
                )
                assert status in (0, 1, 2)
        assert "Traceback" not in out.getvalue() + err.getvalue()
        assert "internal error" not in err.getvalue()
        return status


@SETTINGS
@given(concept=yaml_texts, name=file_names)
def test_any_yaml_gives_findings_not_exceptions(concept: str, name: str) -> None:
    run_checker(concept, VALID_BIB, name)


@SETTINGS
@given(bib=bib_texts)
def test_any_bibtex_gives_findings_not_exceptions(bib: str) -> None:
    run_checker(VALID_YAML, bib, "organizational-learning.yaml")


@SETTINGS
@given(concept=st.binary(max_size=200), bib=st.binary(max_size=200))
def test_any_bytes_give_an_answer(concept: bytes, bib: bytes) -> None:
    run_checker(concept, bib, "organizational-learning.yaml")
