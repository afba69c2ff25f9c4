"""The YAML format, documented from concept.schema.json itself so the page cannot drift."""

from __future__ import annotations

from typing import Any

from citegloss.render.html import slug, text

#: The sections of the page: (title, how to reach the object in the schema).
_SECTIONS = (
    ("A concept file", ()),
    ("Each definition", ("$defs", "definition")),
    ("Facets", ("$defs", "facets")),
    ("Each contrast", ("$defs", "contrast")),
    ("Each point of a contrast", ("$defs", "contrastPoint")),
)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        path = node["$ref"].removeprefix("#/").split("/")
        target: Any = schema
        for part in path:
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _kind(schema: dict[str, Any], node: dict[str, Any]) -> str:
    node = _resolve(schema, node)
    if "anyOf" in node:
        return " or ".join(_kind(schema, form) for form in node["anyOf"])
    if "enum" in node:
        return "one of " + ", ".join(f"<code>{text(str(v))}</code>" for v in node["enum"])
    kind = node.get("type", "object")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array":
        return "list of " + _kind(schema, node.get("items", {}))
    limits = []
    if "pattern" in node:
        limits.append(f"matching <code>{text(node['pattern'])}</code>")
    if "maxLength" in node:
        limits.append(f"at most {node['maxLength']} characters")
    if "minimum" in node and "maximum" in node:
        limits.append(f"{node['minimum']}–{node['maximum']}")
    return text(kind) + (f" ({', '.join(limits)})" if limits else "")


def _table(schema: dict[str, Any], node: dict[str, Any]) -> str:
    required = set(node.get("required", ()))
    rows = []
    for name, prop in node.get("properties", {}).items():
        resolved = _resolve(schema, prop)
        description = resolved.get("description", "")
        rows.append(
            f"<tr><td><code>{text(name)}</code></td>"
            f"<td>{'yes' if name in required else 'no'}</td>"
            f"<td>{_kind(schema, prop)}</td>"
            f"<td>{text(description)}</td></tr>"
        )
    return (
        '<table class="cg-schema"><thead><tr><th>Key</th><th>Required</th><th>Value</th>'
        f"<th>Meaning</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


#: The same for audit.schema.json.
AUDIT_SECTIONS = (
    ("An audit file", ()),
    ("The document", ("$defs", "document")),
    ("Each citation", ("$defs", "citation")),
)


def schema_reference(
    schema: dict[str, Any], sections: tuple[tuple[str, tuple[str, ...]], ...] = _SECTIONS
) -> str:
    """HTML: one section per object of the schema, a table of its keys in each."""
    blocks: list[str] = []
    for title, path in sections:
        node: Any = schema
        for part in path:
            node = node[part]
        blocks.append(f'<h3 id="{slug(title)}">{text(title)}</h3>')
        if node.get("description"):
            blocks.append(f"<p>{text(node['description'])}</p>")
        choices = [alt["required"][0] for alt in node.get("oneOf", ()) if alt.get("required")]
        if choices:
            keys = " and ".join(f"<code>{text(c)}</code>" for c in choices)
            blocks.append(f"<p>Give exactly one of {keys}.</p>")
        blocks.append(_table(schema, node))
    return "\n\n".join(blocks)
