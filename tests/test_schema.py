"""`brandvoice schema` and `brandvoice init`: the JSON Schemas agree with the models on every
YAML example in docs/ and rules/, and the starter project passes its own checks."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from brandvoice.config.source import load_yaml
from brandvoice.errors import ConfigError
from brandvoice.schema import MODELS, schema
from brandvoice.starter import FILES

from .conftest import ROOT, run
from .test_docs import PAGES, blocks

PERSONA_KEYS = {"readability", "tone", "style", "terms", "vocabulary", "contexts", "channels",
                "summary"}


def _kind(name: str, data) -> str | None:
    """Which file a YAML example is: config, persona, rulebook, or None (a collection...)."""
    if Path(name).name in ("brandvoice.yaml", "brandvoice.yml", ".brandvoice.yaml"):
        return "config"
    if isinstance(data, dict) and "rules" in data:
        return "rulebook"
    if isinstance(data, dict) and "name" in data and PERSONA_KEYS & set(data):
        return "persona"
    return None


def _examples():
    """(where, kind, data) for every YAML example in docs/ and rules/ and the starter."""
    for page in PAGES:
        for info, body, line in blocks(page):
            words = info.split()
            if not words or words[0] != "yaml":
                continue
            where = f"{page.relative_to(ROOT)}:{line}"
            try:
                data = load_yaml(where, body).data
            except ConfigError:
                continue  # a page showing a YAML mistake on purpose
            target = next((w[5:] for w in words if w.startswith("file=")), None)
            kind = next((w for w in words[1:] if w in (*MODELS, "rule")), None)
            if kind == "rule":
                kind, data = "rulebook", {"rules": data if isinstance(data, list) else [data]}
            kind = kind or _kind(target or "", data)
            if kind:
                yield where, kind, data
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        yield str(path.relative_to(ROOT)), "rulebook", load_yaml(path).data
    for name, content in FILES.items():
        if name.endswith(".yaml"):
            data = load_yaml(name, content).data
            yield f"starter {name}", _kind(name, data), data


EXAMPLES = list(_examples())


def test_there_are_examples_of_every_kind():
    kinds = [kind for _, kind, _ in EXAMPLES]
    assert kinds.count("config") >= 10 and kinds.count("persona") >= 5
    assert kinds.count("rulebook") >= 20


@pytest.mark.parametrize("where, kind, data", EXAMPLES, ids=[w for w, _, _ in EXAMPLES])
def test_schema_agrees_with_the_models(where, kind, data):
    model = MODELS[kind]
    try:
        model.model_validate(data)
    except Exception:
        accepted = False
    else:
        accepted = True
    # YAML 1.1 loaders read 2027-01-31 as a date; editors (YAML 1.2) see the text
    as_written = json.loads(json.dumps(data, default=str))
    errors = list(jsonschema.Draft202012Validator(schema(kind)).iter_errors(as_written))
    if accepted:
        assert errors == [], f"{where}: valid for brandvoice, not for the schema: {errors[0]}"


@pytest.mark.parametrize("kind, data", [
    ("config", {"rulebooks": ["a.yaml"], "fail_on": "fatal"}),
    ("config", {"persona": "p.yaml", "colour": "red"}),
    ("persona", {"name": "Acme", "style": {"max_emoji": "two"}}),
    ("rulebook", {"rules": [{"id": "a.b", "kind": "forbid", "phrase": ["x"]}]}),
    ("rulebook", {"rules": [{"id": "a.b", "kind": "shout", "phrases": ["x"]}]}),
])
def test_schema_rejects_what_brandvoice_rejects(kind, data):
    validator = jsonschema.Draft202012Validator(schema(kind))
    assert list(validator.iter_errors(data))


def test_schema_command_prints_and_writes(tmp_path):
    printed = run(["schema", "rulebook"], cwd=tmp_path)
    assert printed.code == 0
    document = json.loads(printed.out)
    assert document["title"] == "brandvoice rulebook"
    assert "ForbidRule" in document["$defs"]
    jsonschema.Draft202012Validator.check_schema(document)
    written = run(["schema", "--output-dir", "schemas"], cwd=tmp_path)
    assert written.code == 0
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == [
        "config.json", "persona.json", "rulebook.json"]
    assert run(["schema"], cwd=tmp_path).code == 2


def test_init_writes_a_project_that_passes_its_own_checks(tmp_path):
    result = run(["init"], cwd=tmp_path)
    assert result.code == 0, result.err
    for name, content in FILES.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == content
        first = content.splitlines()[0]
        if first.startswith("# yaml-language-server: $schema="):  # the modeline resolves
            target = (tmp_path / name).parent / first.split("=", 1)[1]
            assert json.loads(target.read_text())["$schema"].startswith("https://json-schema")
    tested = run(["test"], cwd=tmp_path)
    assert tested.code == 0 and "0 failed" in tested.out
    checked = run(["check"], cwd=tmp_path)
    assert checked.code == 0 and "Checked 1 draft: 1 passed" in checked.out
    bad = run(["check", "--text", "Please reply with your account number."], cwd=tmp_path)
    assert bad.code == 1 and "support.details-by-dm" in bad.out


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "brandvoice.yaml").write_text("rulebooks: []\n")
    result = run(["init"], cwd=tmp_path)
    assert result.code == 2
    assert "not overwriting what is there already (brandvoice.yaml)" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brandvoice.yaml"]
    assert (tmp_path / "brandvoice.yaml").read_text() == "rulebooks: []\n"
