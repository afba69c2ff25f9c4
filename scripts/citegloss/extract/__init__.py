"""The stages of `audit extract`: prepare the text, read reference lists, read running text.

`citegloss.audit_extract` puts them together; nothing here knows references.bib.
"""
