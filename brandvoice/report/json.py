"""``--format json``: the document described in FORMAT.md section 5."""

from __future__ import annotations

import json
from typing import Sequence

from ..result import Result

VERSION = 1


def render(results: Sequence[Result]) -> str:
    from . import summarize

    document = {
        "version": VERSION,
        "summary": summarize(results),
        "drafts": [result.to_dict() for result in results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
