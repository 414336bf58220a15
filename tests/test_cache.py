"""The cache that makes the next start faster (brandvoice/cache.py): a warm start gives
what a cold one gives, byte for byte; an edited file is read again; whatever else is found
in the cache folder is ignored and written anew; --no-cache writes nothing; a folder that
cannot be written is no cache, never an error. Real files and real commands throughout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from brandvoice import Linter, cache
from brandvoice.config import builtin_packs, load_project
from brandvoice.config.source import _read, read_yaml
from brandvoice.errors import ConfigError

from .conftest import ROOT, run
from .test_config_errors import CASES, CONFIG, FIRST_AUTHOR, LEGAL, PERSONA, YAML_MISTAKES


def entries(folder: Path, kind: str) -> dict[str, bytes]:
    where = folder / kind
    return {p.name: p.read_bytes() for p in sorted(where.iterdir())} if where.is_dir() else {}


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of this test's own, for this process and its commands."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRANDVOICE_CACHE_DIR", str(folder))
    return folder


# --- what is kept is what is read ------------------------------------------------------

def test_a_kept_file_is_what_reading_it_gives(own_cache):
    """Every built-in pack (and the examples' files): the data and the line and column of
    every key and value, the same from the cache as from the YAML."""
    texts = {f"builtin:{name}": entry.read_text(encoding="utf-8")
             for name, entry in builtin_packs().items()}
    texts["persona"] = (ROOT / "tests" / "cases" / "persona.yaml").read_text(encoding="utf-8")
    for name, text in texts.items():
        parsed, problems = _read(name, text)
        assert problems == []
        cold, _ = read_yaml(name, text)  # read, then kept
        warm, _ = read_yaml(name, text)  # from the cache
        assert cache.read_yaml(text) is not None, name
        for got in (cold, warm):
            assert (got.file, got.data, got.values, got.keys) == (
                parsed.file, parsed.data, parsed.values, parsed.keys), name
    assert len(entries(own_cache, "yaml")) == len(texts)
    assert (own_cache / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")


def test_files_with_a_problem_or_values_json_would_change_are_not_kept(own_cache, tmp_path):
    duplicate = tmp_path / "duplicate.yaml"
    duplicate.write_text("rules:\n  - id: a.b\n    id: a.c\n", encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("rules: [a\n", encoding="utf-8")
    dated = tmp_path / "dated.yaml"  # a date, and a number as a key
    dated.write_text("expires: 2027-01-31\nseverity: {1: error}\n", encoding="utf-8")
    for _ in range(2):
        assert read_yaml(duplicate)[1][0].message.startswith("key 'id' appears twice")
        with pytest.raises(ConfigError):
            read_yaml(broken)
        assert read_yaml(dated)[0].data["severity"] == {1: "error"}
    assert entries(own_cache, "yaml") == {}


def test_config_errors_name_the_same_places_from_a_warm_cache(project, monkeypatch, tmp_path):
    """Every bad file of tests/test_config_errors.py, loaded cold and then warm: the same
    problems, each at the same file, line and column."""
    cases = {**{name: {**{"brandvoice.yaml": CONFIG, "voice/persona.yaml": PERSONA,
                          "voice/legal.yaml": LEGAL}, **files}
                for name, (files, _) in CASES.items()},
             **{name: {"brandvoice.yaml": CONFIG, "voice/persona.yaml": PERSONA,
                       "voice/legal.yaml": text}
                for name, (text, _) in YAML_MISTAKES.items()},
             "first author": FIRST_AUTHOR}
    kept = 0
    for number, (name, files) in enumerate(cases.items()):
        folder = tmp_path / f"case{number}"
        monkeypatch.setenv("BRANDVOICE_CACHE_DIR", str(folder / ".cache"))
        for file, text in files.items():
            (folder / file).parent.mkdir(parents=True, exist_ok=True)
            (folder / file).write_text(text, encoding="utf-8")
        monkeypatch.chdir(folder)
        said = []
        for _ in ("cold", "warm"):
            try:
                load_project()
                said.append([])
            except ConfigError as error:
                said.append([str(problem) for problem in error.problems])
        assert said[0] == said[1], name
        kept += len(entries(folder / ".cache", "yaml"))
    assert kept > len(cases)  # the configs and personas at least were read from the cache


def test_the_first_authors_mistakes_after_a_warm_cache(project):
    """The command line: the same ten problems, at the same places, cold and warm."""
    root = project(FIRST_AUTHOR)
    cold = run(["check", "--text", "hi guys"], cwd=root)
    warm = run(["check", "--text", "hi guys"], cwd=root)
    assert cold.code == warm.code == 2
    assert warm.err == cold.err
    assert warm.err.splitlines()[0] == ("brandvoice.yaml:3:10: 'fail_on' must be one of: "
                                        "error, warning, suggestion (not the text 'eror')")
    assert "voice/hr.yaml:7:5: key 'message' appears twice" in warm.err
    assert "Traceback" not in warm.err


# --- a warm start checks as a cold one does --------------------------------------------

def examples_file(folder: Path) -> Path:
    """Every example of every built-in pack as drafts, with some inflected forms."""
    texts = ["We guaranteed it. They are guaranteeing it. Guarantees!",
             "You should have called us. We promised and we promise.",
             "The refunds were guaranteed by our teams."]
    for entry in builtin_packs().values():
        for rule in yaml.safe_load(entry.read_text(encoding="utf-8"))["rules"]:
            for kind in ("bad", "good"):
                for example in rule.get("examples", {}).get(kind, []):
                    texts.append(example if isinstance(example, str) else example["text"])
    path = folder / "drafts.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{n}", "text": text}) + "\n"
                            for n, text in enumerate(texts)), encoding="utf-8")
    return path


@pytest.fixture
def statistical(tmp_path) -> Path:
    """A project on the statistical pipeline (a persona with formality; every pack, two
    of whose rules need tags) whose lemma-mode phrases are tagged by the model."""
    (tmp_path / "brandvoice.yaml").write_text(
        "persona: persona.yaml\nrulebooks: ['builtin:*', own.yaml]\n", encoding="utf-8")
    (tmp_path / "persona.yaml").write_text(
        "name: Acme\ntone: {formality: {min: 0.2, max: 0.9}}\n", encoding="utf-8")
    (tmp_path / "own.yaml").write_text(
        "rules:\n  - id: own.promise\n    kind: forbid\n    match: lemma\n"
        "    phrases: [promise, can't wait]\n", encoding="utf-8")
    examples_file(tmp_path)
    return tmp_path


def test_a_warm_start_reports_byte_for_byte_what_a_cold_one_does(statistical, own_cache):
    env = {"BRANDVOICE_CACHE_DIR": str(own_cache)}
    args = ["check", "--format", "json", "drafts.jsonl"]
    cold = run(args, cwd=statistical, env=env)
    assert cold.code == 1 and '"own.promise"' in cold.out, cold.err
    kept = entries(own_cache, "yaml"), entries(own_cache, "lemmas")
    assert len(kept[0]) == 9 and len(kept[1]) == 1  # 6 packs, the config, persona, own.yaml
    inodes = {p: p.stat().st_ino for p in own_cache.rglob("*.json")}
    warm = run(args, cwd=statistical, env=env)
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)
    # read, not written again: the same files (a write replaces a file with a new one)
    assert {p: p.stat().st_ino for p in own_cache.rglob("*.json")} == inodes
    off = run([*args, "--no-cache"], cwd=statistical, env=env)
    assert (off.code, off.out, off.err) == (cold.code, cold.out, cold.err)
    tests = [run(["test", "--format", "json"], cwd=statistical, env=env) for _ in range(2)]
    assert tests[0].out == tests[1].out and '"failed": 0' in tests[0].out
    assert Linter.from_config(statistical / "brandvoice.yaml").needs.statistical


def test_an_edited_rulebook_is_read_again(statistical, own_cache):
    env = {"BRANDVOICE_CACHE_DIR": str(own_cache)}
    args = ["check", "--text", "We treasure your feedback and we adore you."]
    assert "own.treasure" not in run(args, cwd=statistical, env=env).out
    own = statistical / "own.yaml"
    own.write_text(own.read_text(encoding="utf-8") + (
        "  - id: own.treasure\n    kind: forbid\n    match: lemma\n    phrases: [adores]\n"),
        encoding="utf-8")
    edited = run(args, cwd=statistical, env=env)
    assert "warning own.treasure" in edited.out and "'adore'" in edited.out
    assert len(entries(own_cache, "lemmas")) == 2  # the phrases changed: their own entry
    again = run(args, cwd=statistical, env=env)
    assert again.out == edited.out


# --- whatever else is in the folder ----------------------------------------------------

def test_corrupt_cut_short_and_foreign_entries_are_ignored_and_written_anew(statistical,
                                                                            own_cache):
    env = {"BRANDVOICE_CACHE_DIR": str(own_cache)}
    args = ["check", "--format", "json", "drafts.jsonl"]
    cold = run(args, cwd=statistical, env=env)
    files = sorted(own_cache.rglob("*.json"))
    contents = [path.read_bytes() for path in files]
    # each file holds another's entry (valid JSON of this format, for another key), except
    # a few: one cut short, one not JSON at all, two of the right key but the wrong shape
    for path, content in zip(files, contents[1:] + contents[:1]):
        path.write_bytes(content)
    books = sorted((own_cache / "yaml").iterdir())
    books[0].write_bytes(contents[-1][:len(contents[-1]) // 2])
    books[1].write_bytes(b"\x80\x81 not json at all")
    books[2].write_text('{"key": "%s", "data": {"data": [], "values": 1}}' % books[2].stem)
    books[3].write_text('{"key": "%s", "data": {"data": {}, "values": [[]], "keys": []}}'
                        % books[3].stem)
    lemmas = next((own_cache / "lemmas").iterdir())
    lemmas.write_text(json.dumps({"key": lemmas.stem, "data": [[["x"], [False], [1]]]}))
    (own_cache / "yaml" / "other.json").write_text('{"key": "other", "data": 1}')
    (own_cache / "notes.json").write_text("[1, 2, 3]")
    warm = run(args, cwd=statistical, env=env)
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)
    for path in files:  # each written anew, with its own entry
        assert json.loads(path.read_bytes())["key"] == path.stem
    assert (own_cache / "notes.json").read_text() == "[1, 2, 3]"  # not ours: left alone


def test_only_so_many_entries_are_kept(own_cache, tmp_path):
    for number in range(cache.LIMIT + 5):
        book = tmp_path / "book.yaml"
        book.write_text(f"rules:\n  - id: a.n{number}\n    kind: forbid\n    phrases: [x]\n",
                        encoding="utf-8")
        read_yaml(book)
    assert len(entries(own_cache, "yaml")) == cache.LIMIT


# --- no cache ----------------------------------------------------------------------------

def test_no_cache_writes_nothing(project, tmp_path):
    root = project({"brandvoice.yaml": CONFIG, "voice/persona.yaml": PERSONA,
                    "voice/legal.yaml": LEGAL})
    folder = tmp_path / "cache"
    env = {"BRANDVOICE_CACHE_DIR": str(folder)}
    for args, more in ((["check", "--no-cache", "--text", "We guarantee it."], {}),
                       (["rules", "--no-cache"], {}),
                       (["test", "--no-cache"], {}),
                       (["check", "--text", "We guarantee it."], {"BRANDVOICE_NO_CACHE": "1"})):
        done = run(args, cwd=root, env={**env, **more})
        assert done.code in (0, 1) and "Traceback" not in done.err, done.err
        assert not folder.exists(), args
    assert run(["check", "--text", "We guarantee it."], cwd=root, env=env).code == 1
    assert len(entries(folder, "yaml")) == 3  # the config, the persona and the rulebook


def test_a_folder_that_cannot_be_made_is_no_cache(project, tmp_path):
    root = project({"brandvoice.yaml": CONFIG, "voice/persona.yaml": PERSONA,
                    "voice/legal.yaml": LEGAL})
    (tmp_path / "a-file").write_text("not a folder")
    for folder in (tmp_path / "a-file", tmp_path / "a-file" / "cache"):
        done = run(["check", "--text", "We guarantee it."], cwd=root,
                   env={"BRANDVOICE_CACHE_DIR": str(folder)})
        assert done.code == 1 and "legal.no-guarantees" in done.out and done.err == "", done.err


def _read_only_mount_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind / /mnt"],
                          capture_output=True).returncode == 0


@pytest.mark.skipif(not _read_only_mount_works(),
                    reason="needs unshare -m and mount to make a read-only folder")
def test_a_read_only_cache_is_read_and_never_an_error(statistical, own_cache):
    """A warm cache on a read-only file system (root may write any folder, so a mount
    makes it read-only): read as before; the entries it lacks are not written, silently."""
    env = {"BRANDVOICE_CACHE_DIR": str(own_cache)}
    args = ["check", "--format", "json", "drafts.jsonl"]
    cold = run(args, cwd=statistical, env=env)
    before = entries(own_cache, "yaml")
    read_only = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" "$0" && '
                 'mount -o remount,bind,ro "$0" "$0" && exec "$@"', str(own_cache)]
    warm = run(args, cwd=statistical, env=env, prefix=read_only)
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)
    own = statistical / "own.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("promise,", "promise, vow,"),
                   encoding="utf-8")
    edited = run(["check", "--text", "We vowed it."], cwd=statistical, env=env,
                 prefix=read_only)
    assert "warning own.promise" in edited.out and "'vowed'" in edited.out
    assert edited.err == ""
    assert entries(own_cache, "yaml") == before


# --- the command ---------------------------------------------------------------------------

def test_cache_dir_and_clear(project, tmp_path):
    root = project({"brandvoice.yaml": CONFIG, "voice/persona.yaml": PERSONA,
                    "voice/legal.yaml": LEGAL})
    folder = tmp_path / "cache"
    env = {"BRANDVOICE_CACHE_DIR": str(folder)}
    assert run(["cache", "dir"], cwd=root, env=env).out == f"{folder}\n"
    home = {"BRANDVOICE_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    assert run(["cache", "dir"], cwd=root, env=home).out == f"{tmp_path / 'xdg' / 'brandvoice'}\n"
    run(["check", "--text", "hi"], cwd=root, env=env)
    (folder / "mine.txt").write_text("not brandvoice's")
    cleared = run(["cache", "clear"], cwd=root, env=env)
    assert cleared.code == 0 and cleared.err == f"brandvoice: removed 3 files from {folder}\n"
    assert sorted(p.name for p in folder.iterdir()) == ["mine.txt"]  # only its own files
    assert run(["cache", "clear"], cwd=root, env=env).err == (
        f"brandvoice: removed 0 files from {folder}\n")


# --- forms of words (brandvoice/wordforms.py) ------------------------------------------------

WORDY = ["check", "-r", "builtin:plain-language", "--fix", "--text",
         "We utilized the form and reached out to the team."]


def test_word_forms_are_read_from_the_cache_instead_of_the_tables(own_cache, tmp_path):
    """A fix that puts its replacement in the form of the word it replaces asks
    lemminflect's tables, which take longer to load than a small run takes to check; the
    answers are kept, and the next run fixes the same way without the tables (a
    sitecustomize makes every call to them fail). A corrupt entry is asked again."""
    env = {"BRANDVOICE_CACHE_DIR": str(own_cache)}
    cold = run(WORDY, cwd=tmp_path, env=env)
    assert cold.out == "We used the form and contacted the team.", cold.err
    kept = entries(own_cache, "words")
    assert len(kept) == 1
    answers = json.loads(next(iter(kept.values())))["data"]
    assert answers["inflections//utilize"]["VBD"] == ["utilized"]
    without = tmp_path / "without-tables"
    without.mkdir()
    (without / "sitecustomize.py").write_text(
        "import lemminflect\n"
        "def refuse(*args, **kwargs):\n"
        "    raise RuntimeError('the tables were read')\n"
        "lemminflect.getAllInflections = lemminflect.getAllLemmas = refuse\n",
        encoding="utf-8")
    tables_off = {**env, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(without), os.environ.get("PYTHONPATH")]))}
    warm = run(WORDY, cwd=tmp_path, env=tables_off)
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)
    assert entries(own_cache, "words") == kept  # nothing new to add: not written again
    # a word not asked before needs the tables: the stand-in shows that they are asked
    other = run(["check", "-r", "builtin:plain-language", "--fix", "--text",
                 "We have commenced the work."], cwd=tmp_path, env=tables_off)
    assert "the tables were read" in other.err
    # a corrupt entry, or one of another shape, is no answer: the tables are asked again
    path = next((own_cache / "words").iterdir())
    for corrupt in (b"{not json", json.dumps({"key": path.stem, "data": [1, 2]}).encode(),
                    json.dumps({"key": path.stem, "data": {
                        "inflections//utilize": {"VBD": "utilized"}}}).encode()):
        path.write_bytes(corrupt)
        again = run(WORDY, cwd=tmp_path, env=env)
        assert (again.code, again.out, again.err) == (cold.code, cold.out, cold.err)
        assert json.loads(path.read_bytes())["data"]["inflections//utilize"]["VBD"] == [
            "utilized"]


def test_word_forms_are_not_kept_without_the_cache(tmp_path):
    folder = tmp_path / "cache"
    done = run([*WORDY[:-1], WORDY[-1], "--no-cache"], cwd=tmp_path,
               env={"BRANDVOICE_CACHE_DIR": str(folder)})
    assert done.out == "We used the form and contacted the team." and not folder.exists()


# --- the language identifier's model (brandvoice/language.py) ------------------------------

OTHER_LANGUAGES = [
    "Lamentamos el inconveniente, síguenos por DM y lo revisamos hoy mismo.",
    "Nous sommes désolés pour ce retard, envoyez-nous un message privé.",
    "Wir entschuldigen uns für die Verzögerung, bitte schreib uns eine DM.",
    "Obrigado pelo contato, vamos verificar o seu pedido agora mesmo.",
    "Ci dispiace per il ritardo, scrivici in privato e controlliamo subito.",
    "Het spijt ons van de vertraging, stuur ons een privébericht.",
    "Przepraszamy za opóźnienie, napisz do nas prywatną wiadomość.",
    "Приносим извинения за задержку, напишите нам в личные сообщения.",
    "ありがとうございます。確認してご連絡いたします。よろしくお願いします。",
    "Hi Sam, heads up on this one, looking now",
]


def test_the_language_model_is_read_from_an_uncompressed_copy(own_cache, monkeypatch):
    """py3langid's model ships compressed; the first run that needs it keeps it
    uncompressed in the cache, and the identifier made from that copy names the same
    language as the package's own for every text. A copy that is cut short is not used,
    is removed, and is made again by the next run."""
    from py3langid.langid import classify

    from brandvoice import language

    expected = [str(classify(text)[0]) for text in OTHER_LANGUAGES]
    assert expected[:4] == ["es", "fr", "de", "pt"]
    monkeypatch.setattr(language, "_identifier", None)
    assert [language._classify(text) for text in OTHER_LANGUAGES] == expected
    copies = list((own_cache / "langid").iterdir())
    assert len(copies) == 1 and copies[0].suffix == ".npz"
    made = copies[0].stat().st_ino
    monkeypatch.setattr(language, "_identifier", None)
    assert [language._classify(text) for text in OTHER_LANGUAGES] == expected
    assert copies[0].stat().st_ino == made  # read, not made again
    copies[0].write_bytes(copies[0].read_bytes()[:100_000])
    monkeypatch.setattr(language, "_identifier", None)
    assert [language._classify(text) for text in OTHER_LANGUAGES] == expected
    assert not copies[0].exists()  # removed; the package's own model was used
    monkeypatch.setattr(language, "_identifier", None)
    language._classify(OTHER_LANGUAGES[0])
    assert copies[0].stat().st_size > 10_000_000  # made again, whole


def test_the_language_model_is_not_copied_without_the_cache(tmp_path, monkeypatch):
    from brandvoice import language

    monkeypatch.setenv("BRANDVOICE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("BRANDVOICE_NO_CACHE", "1")
    monkeypatch.setattr(language, "_identifier", None)
    assert language._classify(OTHER_LANGUAGES[0]) == "es"
    assert not (tmp_path / "cache").exists()
