"""JSON Schemas of the files users write, generated from the models that validate them.

Editors (VS Code with the YAML extension, JetBrains, Neovim with yaml-language-server)
use them for completion and inline errors, with a modeline at the top of a file::

    # yaml-language-server: $schema=.brandvoice/schemas/rulebook.json
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .config.models import Persona, ProjectConfig, Rulebook
from .kinds import KINDS
from .kinds.base import ID_PATTERN

MODELS = {"config": ProjectConfig, "persona": Persona, "rulebook": Rulebook}
TITLES = {"config": "brandvoice project config (brandvoice.yaml)",
          "persona": "brandvoice persona", "rulebook": "brandvoice rulebook"}
DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: pydantic names two models of the same name by their module: brandvoice__kinds__forbid__Rule
_QUALIFIED = re.compile(r"brandvoice__kinds__(\w+?)__Rule")


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file: ``config``, ``persona`` or ``rulebook``."""
    generated = MODELS[kind].model_json_schema()
    text = _QUALIFIED.sub(lambda m: f"{m.group(1).capitalize()}Rule", json.dumps(generated))
    document = json.loads(text)
    if kind == "rulebook":
        _rules_by_kind(document)
    return {"$schema": DRAFT, "title": TITLES[kind],
            **{k: v for k, v in document.items() if k != "title"}}


#: What an editor says of a rule id that is not one (yaml-language-server shows it).
ID_MESSAGE = ("use lowercase letters, digits, '.', '_' and '-', starting with a letter or "
              "digit (for example 'legal.no-guarantees')")


def _rules_by_kind(document: dict[str, Any]) -> None:
    """Describe a rule by its ``kind`` first, then by that kind's keys.

    pydantic writes the union of kinds as ``oneOf`` with a ``discriminator``, which editors
    do not read: they try every kind and report the last ones tried ("must be forbid |
    limit"). Here a rule is an object whose ``kind`` is one of the kinds (each with its
    description) and whose ``id`` has the id's pattern, and ``if kind is X then X's keys``
    for each kind, so an unknown kind is one message that lists them all.
    """
    kinds = list(KINDS)
    descriptions = [_summary(KINDS[name].__doc__) for name in kinds]
    rule_id = {"type": "string", "pattern": ID_PATTERN.pattern,
               "patternErrorMessage": f"not a valid rule id: {ID_MESSAGE}",
               "description": "The rule's id, unique across all rulebooks "
                              "(such as 'legal.no-guarantees')."}
    for name in kinds:
        properties = document["$defs"][f"{name.capitalize()}Rule"]["properties"]
        properties["id"] = {**properties["id"], **rule_id}
    document["properties"]["rules"]["items"] = {
        "type": "object",
        "required": ["id", "kind"],
        "properties": {
            "id": rule_id,
            "kind": {"type": "string", "enum": kinds,
                     "description": "What the rule checks: one of " + ", ".join(kinds) + ".",
                     "enumDescriptions": descriptions,
                     "markdownEnumDescriptions": descriptions},
        },
        "allOf": [
            {"if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
             "then": {"$ref": f"#/$defs/{name.capitalize()}Rule"}}
            for name in kinds
        ],
    }


def _summary(doc: str | None) -> str:
    """The first line of a kind's docstring, without its name: 'flag any of a list of...'."""
    first = (doc or "").strip().splitlines()[0] if doc else ""
    return re.sub(r"^``\w+``:\s*", "", first)


def write_all(folder: Path) -> list[Path]:
    """Write ``config.json``, ``persona.json`` and ``rulebook.json`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in MODELS:
        path = folder / f"{kind}.json"
        path.write_text(json.dumps(schema(kind), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
