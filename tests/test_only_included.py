"""`brandvoice check --only-included FILES` (the pre-commit hook's command): of the files
pre-commit names, only the replies are checked."""

from __future__ import annotations

from .conftest import run, write

BAD = "We guarantee it.\n"  # legal-claims.guarantee, an error, at 1:4
FINDING = ("{}:1:4: error legal-claims.guarantee Don't promise outcomes ('guarantee'): say "
           "what we will do instead. Try: \"we expect\", \"we'll do everything we can\", "
           "\"our aim is\".")
NAMED = ["README.md", "CHANGELOG.md", "CONTRIBUTING.md", "LICENSE.txt", "docs/guide.md",
         ".github/pull_request_template.md", "notes/readme.txt", "replies/refund.txt",
         "replies/welcome.md", "macros/refunds.yaml", "brandvoice.yaml"]


def _repository(tmp_path, config: str):
    files = {name: BAD for name in NAMED}
    files["replies/welcome.md"] = "Thanks for waiting, Sam!\n"
    files["macros/refunds.yaml"] = "- id: refund-1\n  text: We guarantee it.\n"
    files["brandvoice.yaml"] = config
    return write(tmp_path, files)


def test_without_files_include_the_repository_documents_are_left_out(tmp_path):
    folder = _repository(tmp_path, "rulebooks: [builtin:legal-claims]\n")
    result = run(["check", "--only-included", *NAMED], folder)
    assert result.code == 1, result.err
    assert result.out.splitlines() == [
        FINDING.format("replies/refund.txt"),
        "replies/refund.txt: score 75, failed",
        "Checked 2 drafts: 1 passed, 1 failed; 1 error, 0 warnings, 0 suggestions."]
    # without the option every file named is checked, as always
    assert run(["check", *NAMED], folder).out.count("error legal-claims.guarantee") == 9


def test_files_include_and_exclude_choose_among_the_files_named(tmp_path):
    folder = _repository(tmp_path, "rulebooks: [builtin:legal-claims]\n"
                                   "files:\n"
                                   "  include: ['replies/**/*', 'macros/*.yaml', 'README.md']\n"
                                   "  exclude: ['replies/refund.txt']\n")
    result = run(["check", "--only-included", *NAMED], folder)
    assert result.code == 1, result.err
    assert result.out.splitlines() == [
        FINDING.format("README.md"),
        "README.md: score 75, failed",
        "macros/refunds.yaml:2:12: error legal-claims.guarantee Don't promise outcomes "
        "('guarantee'): say what we will do instead. Try: \"we expect\", \"we'll do "
        "everything we can\", \"our aim is\".",
        "macros/refunds.yaml (refund-1): score 75, failed",
        "Checked 3 drafts: 1 passed, 2 failed; 2 errors, 0 warnings, 0 suggestions."]


def test_when_no_file_named_is_a_reply_nothing_is_checked(tmp_path):
    folder = _repository(tmp_path, "rulebooks: [builtin:legal-claims]\n")
    result = run(["check", "--only-included", "README.md", "docs/guide.md"], folder)
    assert (result.code, result.out, result.err) == (
        0, "", "brandvoice: no drafts found to check\n")
