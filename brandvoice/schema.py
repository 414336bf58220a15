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
    return {"$schema": DRAFT, "title": TITLES[kind],
            **{k: v for k, v in document.items() if k != "title"}}


def write_all(folder: Path) -> list[Path]:
    """Write ``config.json``, ``persona.json`` and ``rulebook.json`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in MODELS:
        path = folder / f"{kind}.json"
        path.write_text(json.dumps(schema(kind), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
