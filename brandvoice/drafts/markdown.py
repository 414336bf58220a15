"""Markdown drafts: only the prose is checked.

Code blocks, code spans, link targets, URLs, HTML (comments included) and the front
matter are blanked out with spaces, newlines kept, so every offset in the checked text
is the same offset in the file and findings point at the right line and column. The
front matter may set ``id``, ``channel``, ``department`` and ``context``.

Block structure comes from markdown-it-py (CommonMark); inline code, links and HTML are
found on the lines it leaves as prose.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..config.source import Refused, describe_yaml_error, read_data
from ..text import line_starts

#: Lines may end in LF, CRLF or a lone CR, as for markdown-it.
FRONT_MATTER = re.compile(r"\A---[ \t]*(?:\r\n?|\n)(.*?)(?<=[\r\n])(?:---|\.\.\.)[ \t]*"
                          r"(?:\r\n?|\n|\Z)", re.S)
INLINE = re.compile("|".join((
    r"<!--.*?-->",                                  # HTML comments
    r"(?P<ticks>`+)[^`].*?(?P=ticks)",              # code spans
    r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)",        # link and image targets
    r"(?:^|(?<=\r))[ \t]{0,3}\[[^\]\r\n]+\]:[^\r\n]*",  # reference definitions
    r"<(?:https?://|mailto:)[^>\s]+>",              # autolinks
    r"\bhttps?://[^\s<>()]+[^\s<>().,;:!?'\"]",     # bare URLs
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",    # inline HTML tags
)), re.S | re.M)
METADATA = ("id", "channel", "department", "context")


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every character of ``spans`` replaced by a space, newlines kept."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def prose(text: str) -> tuple[str, dict[str, Any], str | None]:
    """The prose of a Markdown document, its front-matter metadata, and a problem if any."""
    from markdown_it import MarkdownIt

    spans: list[tuple[int, int]] = []
    metadata: dict[str, Any] = {}
    problem = None
    found = FRONT_MATTER.match(text)
    if found:
        spans.append((0, found.end()))
        try:
            data = read_data(found.group(1)) or {}
        except yaml.YAMLError as exc:
            _, line, _, words = describe_yaml_error(exc, found.group(1))
            problem = (f"the front matter, line {line + 1}: {words}" if isinstance(exc, Refused)
                       else f"the front matter is not valid YAML (line {line + 1})")
            data = {}
        if isinstance(data, dict):
            from .collections import metadata as read_metadata

            metadata, wrong = read_metadata(data, METADATA, whose="the front matter's")
            problem = problem or wrong
    masked = blank(text, spans)
    starts = line_starts(masked) + [len(masked)]
    for token in MarkdownIt("commonmark").parse(masked):
        if token.type in ("fence", "code_block", "html_block") and token.map:
            first, last = token.map
            spans.append((starts[first], starts[min(last, len(starts) - 1)]))
    masked = blank(text, spans)
    spans.extend(m.span() for m in INLINE.finditer(masked))
    return blank(text, spans), metadata, problem
