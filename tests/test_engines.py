"""The site outlives its engine: ProperDocs builds what MkDocs builds, and `citegloss pages`
writes plain files a plain MkDocs (no citegloss plugin) turns into the same concept pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from test_site_build import FIXTURES, ROOT, site_config

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


@pytest.mark.skipif(shutil.which("properdocs", path=str(Path(sys.executable).parent)) is None,
                    reason="properdocs is not installed")  # fmt: skip
def test_properdocs_builds_the_same_pages_as_mkdocs(tmp_path: Path) -> None:
    config = site_config("site-basic", tmp_path)
    built = {}
    for engine in ("mkdocs", "properdocs"):
        command = [str(Path(sys.executable).parent / engine), "build", "-q", "-f", str(config)]
        done = subprocess.run([*command, "-d", str(tmp_path / engine)], cwd=tmp_path, env=ENV,
                              capture_output=True, text=True, check=False)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        built[engine] = _files(tmp_path / engine)
    assert built["mkdocs"] == built["properdocs"]
    assert "concepts/organizational-learning.html" in built["properdocs"]
    assert "data/glossary.ttl" in built["properdocs"] and "map.html" in built["properdocs"]
    page = (tmp_path / "properdocs" / "concepts" / "organizational-learning.html").read_text(
        "utf-8"
    )
    assert 'class="cg-svg cg-map"' in page


def test_citegloss_pages_builds_with_a_plain_mkdocs_and_no_plugin(tmp_path: Path) -> None:
    fixture = FIXTURES / "site-basic"
    out = tmp_path / "docs"
    command = [sys.executable, "-m", "citegloss", "pages", "--out", str(out), "--docs",
               str(ROOT / "docs"), "--glossary", str(fixture / "glossary"), "--bib",
               str(fixture / "references.bib")]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    (out / "api.md").unlink()  # needs mkdocstrings, a plugin
    config = {
        "site_name": "plain", "docs_dir": "docs", "use_directory_urls": False,
        "extra_css": ["assets/citegloss.css"],
        "markdown_extensions": ["toc", "tables", "admonition", "attr_list"],
    }  # fmt: skip
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert "plugins" not in config  # no citegloss plugin: MkDocs alone
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"],
                           cwd=tmp_path, env=ENV, capture_output=True, text=True, check=False)  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    site = tmp_path / "site"
    for concept in (fixture / "glossary").glob("*.yaml"):
        page = (site / "concepts" / f"{concept.stem}.html").read_text("utf-8")
        assert 'class="cg-svg cg-map"' in page and 'class="cg-svg cg-years"' in page
        assert (site / "data" / "concepts" / f"{concept.stem}.json").is_file()
    bibliography = (site / "bibliography.html").read_text("utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),", (fixture / "references.bib").read_text("utf-8"), re.M)
    for key in keys:
        assert f'id="{key}"' in bibliography
    assert 'class="cg-svg cg-glossary-map"' in (site / "map.html").read_text("utf-8")
    home = (site / "index.html").read_text("utf-8")
    assert 'href="concepts/double-loop-learning.html">Double-loop learning</a>' in home
    assert (site / "data" / "glossary.ttl").is_file()


def _renamed(tmp_path: Path, former_ids: str, *command: str) -> subprocess.CompletedProcess[str]:
    """`citegloss COMMAND` on site-basic with double-loop-learning's `former_ids` set."""
    glossary = tmp_path / "glossary"
    shutil.copytree(FIXTURES / "site-basic" / "glossary", glossary)
    concept = glossary / "double-loop-learning.yaml"
    concept.write_text(concept.read_text("utf-8") + f"former_ids: [{former_ids}]\n", "utf-8")
    inputs = ["--glossary", str(glossary), "--bib", str(FIXTURES / "site-basic" / "references.bib")]
    return subprocess.run([sys.executable, "-m", "citegloss", *command, *inputs],
                          capture_output=True, text=True, check=False)  # fmt: skip


def test_a_renamed_concept_keeps_a_redirect_at_its_old_address(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _renamed(tmp_path, "double-loop, deutero-loop", "pages", "--out", str(out))
    assert done.returncode == 0, done.stderr
    page = (out / "concepts" / "double-loop.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=double-loop-learning.html">' in page
    assert '<a href="double-loop-learning.html">Double-loop learning</a>' in page
    assert (out / "concepts" / "deutero-loop.html").is_file()
    record = (out / "data" / "concepts" / "double-loop-learning.json").read_text("utf-8")
    assert '"former_ids":["double-loop","deutero-loop"]' in record


def test_a_former_id_a_concept_now_has_is_an_error(tmp_path: Path) -> None:
    done = _renamed(tmp_path, "learning-organization", "check")
    assert done.returncode == 1
    assert (
        "double-loop-learning.yaml:1:1: error former-id-taken former id 'learning-organization' "
        "is also the id of 'learning-organization'"
    ) in done.stdout
