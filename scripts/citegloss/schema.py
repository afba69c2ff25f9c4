"""The published JSON Schemas, applied with jsonschema and explained in a contributor's words."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import fastjsonschema
from rapidfuzz import process

from citegloss import limits
from citegloss.invisible import invisible_identifiers
from citegloss.model import Finding, Location, Severity
from citegloss.paths import why_not_a_file
from citegloss.yamlfile import YamlDocument, read_yaml_file

if TYPE_CHECKING:
    from pathlib import Path

    from jsonschema.exceptions import ValidationError


@cache
def load_schema(name: str) -> dict[str, Any]:
    """`name.schema.json` shipped in the package: "concept" or "audit"."""
    text = resources.files("citegloss").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _unique_items(
    validator: Any, unique: bool, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """uniqueItems in linear time: jsonschema compares unsortable items (mappings) pairwise, so a
    list of 12,000 mappings took minutes. Items are compared by their canonical JSON."""
    from jsonschema.exceptions import ValidationError  # see _validator

    if not (unique and validator.is_type(instance, "array")):
        return
    seen: set[str] = set()
    for item in instance:
        canonical = json.dumps(item, sort_keys=True, default=repr)
        if canonical in seen:
            yield ValidationError(f"{brief(canonical)} appears twice")
            return
        seen.add(canonical)


@cache
def _validator(name: str) -> Any:
    """jsonschema's validator, which explains every error of an invalid file. Imported only
    then: a valid glossary is held to its schema by fastjsonschema, and importing jsonschema
    took a twentieth of a second of every build and check."""
    from jsonschema import Draft202012Validator, validators

    checker = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"uniqueItems": _unique_items}
    )
    schema = load_schema(name)  # references inlined: resolving one per list item cost half the time
    return checker(_inline_refs(schema, schema.get("$defs", {})))


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local `$ref` replaced by its target (our schemas are not recursive)."""
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    inlined = {
        k: _inline_refs(v, defs)
        for k, v in node.items()
        if k not in ("$ref", "$defs", "$id", "$schema")
    }
    if "$ref" in node:
        return {**_inline_refs(defs[node["$ref"].rsplit("/", 1)[-1]], defs), **inlined}
    return inlined


@cache
def _fast_check(name: str) -> Callable[[Any], Any]:
    """fastjsonschema's compiled validator: about 8 times faster than jsonschema's on valid files.

    It stops at the first error, so jsonschema still explains invalid files in full. The schema is
    compiled with its references inlined and no $id, so nothing is ever looked up elsewhere.
    """
    schema = load_schema(name)
    return fastjsonschema.compile(_inline_refs(schema, schema.get("$defs", {})))


def is_valid(name: str, data: Any) -> bool:
    try:
        _fast_check(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 60) -> str:
    """The closest choice to a mistyped word, or ""."""
    best = process.extractOne(word, list(choices), score_cutoff=cutoff)
    return str(best[0]) if best else ""


#: The most schema errors reported for one file: past them, one finding says how many more.
MAX_SCHEMA_FINDINGS = 100
#: The most of a value a message repeats: whatever was written, a finding stays one line.
ECHO_CHARACTERS = 60


def brief(value: Any) -> str:
    """A value as a message may echo it: text as is, anything else as written, cut to a line."""
    shown = value if isinstance(value, str) else repr(value)
    return shown if len(shown) <= ECHO_CHARACTERS else f"{shown[: ECHO_CHARACTERS - 1]}…"


def where_in_document(path: Iterable[Any]) -> str:
    """A path into the document as a contributor reads it: definitions[2].year (1-based)."""
    parts: list[str] = []
    for part in path:
        parts.append(
            f"[{part + 1}]"
            if isinstance(part, int)
            else f".{brief(part)}"
            if parts
            else brief(part)
        )
    return "".join(parts) or "the document"


def _describe(error: ValidationError) -> tuple[str, str, bool]:
    """(message, suggestion, point-at-key) for one schema violation."""
    where = where_in_document(error.absolute_path)
    schema = _subschema(error)
    kind = error.validator
    instance: Any = error.instance
    expected: Any = error.validator_value
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed] if isinstance(instance, dict) else []
        name = extra[0] if extra else "?"
        guess = did_you_mean(name[:200], allowed)
        hint = f"Did you mean '{guess}'?" if guess else f"Allowed fields: {', '.join(allowed)}."
        return f"unknown field '{brief(name)}' in {where}", hint, True
    if kind == "required":
        missing = _missing_field(error) or "a field"
        return f"{where} is missing the required field '{missing}'", f"Add `{missing}:`.", False
    if kind == "anyOf" and error.context:
        return _describe(error.context[0])  # the first form (an audit's numeric year) explains
    if kind == "oneOf" and "quote" in str(schema):
        return (
            f"{where} needs exactly one of 'quote' or 'paraphrase'",
            "Quote the author's exact words (with pages), or paraphrase in your own words.",
            False,
        )
    if kind == "enum":
        options = [str(o) for o in expected]
        guess = did_you_mean(str(instance)[:200], options)
        hint = f"Did you mean '{guess}'?" if guess else ""
        return (
            f"{where} is '{brief(instance)}', which is not one of: {', '.join(options)}",
            hint,
            False,
        )
    if kind == "type":
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        expected = expected.replace("object", "a mapping of fields").replace("array", "a list")
        got = type(instance).__name__.replace("str", "text").replace("NoneType", "nothing")
        return (
            f"{where} must be {expected}, not {got} ({brief(repr(instance))})",
            _type_hint(expected),
            False,
        )
    if kind == "maxLength":
        return (
            f"{where} is {len(instance)} characters long; at most {expected} are allowed",
            "Shorten it: quote a shorter passage, or paraphrase.",
            False,
        )
    if kind == "minLength":
        return f"{where} is empty", "Write it, or remove the field.", False
    if kind == "pattern" and "a-z0-9" in str(expected):
        return (
            f"{where} '{brief(instance)}' is not a concept id (lowercase words joined by hyphens)",
            "Use the file name of a concept without .yaml.",
            False,
        )
    if kind == "minItems":
        return f"{where} needs at least {expected} item(s)", "", False
    if kind in ("maxItems", "maxProperties") and hasattr(instance, "__len__"):
        return (
            f"{where} has {len(instance)} items; at most {expected} are allowed",
            "Keep the most important ones; split the concept if it covers several.",
            False,
        )
    if kind == "uniqueItems":
        return f"{where} lists the same item twice", "Remove the repeated item.", False
    if len(error.message) > 2 * ECHO_CHARACTERS:  # jsonschema's messages repeat the value whole
        return f"{where} breaks the rule '{kind}: {brief(expected)}' ({brief(instance)})", "", False
    return f"{where}: {error.message}", "", False


def _type_hint(expected: str) -> str:
    if "integer" in expected:
        return "Write a number without quotes, e.g. `year: 1978`."
    if "list" in expected:
        return "Write a list, e.g. `[a, b]`."
    if "string" in expected:
        return "Write text; put quotes around it if it looks like a number or date."
    return ""


def _subschema(error: ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _without_echoes(errors: list[ValidationError]) -> list[ValidationError]:
    """Drop "missing 'author'" where the same mapping has an unknown 'autor' that suggests it."""
    misspelt = set()
    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(_subschema(error).get("properties", {}))
            for extra in (k for k in error.instance if k not in allowed):
                misspelt.add((tuple(error.absolute_path), did_you_mean(str(extra)[:200], allowed)))
    return [
        e
        for e in errors
        if not (
            e.validator == "required" and (tuple(e.absolute_path), _missing_field(e)) in misspelt
        )
    ]


def _missing_field(error: ValidationError) -> str:
    return str(error.message).split("'")[1] if "'" in error.message else ""


def schema_findings(name: str, doc: YamlDocument, shown: str) -> list[Finding]:
    """Every way `doc` breaks the named schema, as schema-error findings at the offending line."""
    if is_valid(name, doc.data):
        return []
    validator = _validator(name)
    findings = []
    # the first errors only: explaining 50,000 would cost seconds and be read by no one
    errors_found = sorted(
        itertools.islice(validator.iter_errors(doc.data), 10 * MAX_SCHEMA_FINDINGS),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    errors_shown = _without_echoes(errors_found)
    for error in errors_shown[:MAX_SCHEMA_FINDINGS]:
        message, suggestion, at_key = _describe(error)
        path = tuple(error.absolute_path)
        if at_key and isinstance(error.instance, dict):
            allowed = _subschema(error).get("properties", {})
            extra = [k for k in error.instance if k not in allowed]
            path = (*path, extra[0]) if extra else path
        location = doc.location(shown, path, key=at_key)
        findings.append(Finding("schema-error", Severity.ERROR, location, message, suggestion))
    if len(errors_shown) > MAX_SCHEMA_FINDINGS:
        findings.append(
            Finding.error(
                "schema-error",
                Location(shown, 1, 1),
                f"{'at least ' if len(errors_found) == 10 * MAX_SCHEMA_FINDINGS else ''}"
                f"{len(errors_shown) - MAX_SCHEMA_FINDINGS} more schema errors in this file "
                "are not shown",
                "Fix the ones above first.",
            )
        )
    return findings


#: Per schema: the size limit of its files, what to write in an empty one, and the most values a
#: file holds (a concept at every maxItems of its schema has about 20,000; an audit under 40,000).
_FILES = {
    "concept": (
        limits.CONCEPT,
        "Write a concept: at least `term:` and `definitions:`.",
        25_000,
    ),
    "audit": (
        limits.AUDIT,
        "Write an audit: `document:` (its `title:` or `cite:`) and `citations:`, "
        "or draft one with `citegloss audit extract FILE`.",
        50_000,
    ),
}


def read_document(path: Path, shown: str, name: str) -> tuple[YamlDocument | None, list[Finding]]:
    """Read a YAML file and hold it to the named schema: every problem as a finding, with the
    document when it could be parsed (so what is usable in it still gets checked)."""
    if problem := why_not_a_file(path):
        return None, [
            Finding.error("yaml-error", Location(shown), f"the file cannot be read: {problem}")
        ]
    doc, findings = read_yaml_file(path, shown, *_FILES[name])
    if doc is None:
        return None, findings
    for mapping, key, line, column in doc.duplicate_keys:
        findings.append(
            Finding.error(
                "schema-error",
                Location(shown, line, column),
                f"the key '{brief(key)}' appears twice in {where_in_document(mapping)}; "
                "YAML would silently keep the last",
                f"Keep one '{brief(key)}'.",
            )
        )
    return doc, findings + schema_findings(name, doc, shown) + invisible_identifiers(doc, shown)
