"""The rule kinds. Each kind is one module; this registry is the only list of them.

Adding a kind: write ``brandvoice/kinds/NAME.py`` with ``KIND``, ``Rule`` and
``Check`` (see :mod:`brandvoice.kinds.base`), add it to ``MODULES`` below, document
it in ``docs/kinds/NAME.md`` and give it a case file in ``tests/cases/``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Union

from pydantic import Field

from . import capitalize, forbid, limit, metric, pattern, pii, replace, require, sequence

MODULES: tuple[ModuleType, ...] = (forbid, replace, pattern, require, limit, capitalize, sequence,
                                   pii, metric)
KINDS: dict[str, ModuleType] = {module.KIND: module for module in MODULES}

if len(MODULES) > 1:
    AnyRule = Annotated[Union[tuple(module.Rule for module in MODULES)],  # type: ignore[misc]
                        Field(discriminator="kind")]
else:
    AnyRule = MODULES[0].Rule  # type: ignore[misc]
