"""Is each work real? Look references.bib up in the scholarly record and keep the evidence.

Stages, one module each: `identifiers` (syntax of DOIs, ISBNs, ISSNs: pure), `crossref` and
`openlibrary` (a provider's JSON -> `Work`: pure), `compare` (entry vs record -> verdict, with the
checker's name matcher), `http` (the only module that talks to the network), `lookup` (which
provider is asked what, in parallel within the rate limit), `record` (the committed file of
verdicts, and the fingerprint that tells when an entry changed), `checks` (the offline findings
`citegloss check` reports), `cli` (`citegloss verify`).
"""
