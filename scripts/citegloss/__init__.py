"""citegloss: a citation-checked concept glossary and the static site built from it.

The stages, one module each: `glossary` and `bib` load YAML and BibTeX into the frozen `model`;
`names` matches attributions to people; `check` turns a model into findings; `report` prints
them; `cli` and the MkDocs glue are thin front ends over the same checker.
"""

__version__ = "0.1.0"
