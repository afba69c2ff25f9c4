"""Open data: the glossary as files other tools read, built from the same loaded model as the site.

`records` gives plain JSON (a concept with its references resolved, or the whole glossary),
`csl` the bibliography as CSL-JSON, `skos` the concepts as a SKOS concept scheme (rdflib),
`schema_org` the schema.org `DefinedTerm` a concept page embeds, and `files` every download
the site publishes under data/.
"""
