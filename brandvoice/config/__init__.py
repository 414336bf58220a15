"""Load: YAML files users write -> validated models, every error with file:line:column."""

from .load import (
    BUILTIN_PREFIX,
    LoadedRulebook,
    Project,
    assemble,
    build_project,
    builtin_packs,
    find_config,
    load_persona,
    load_project,
    load_rulebook,
    override,
    signature,
)
from .models import (
    INPUT_RULE,
    PERSONA_CHECK_IDS,
    SUPPRESSION_RULE,
    Persona,
    ProjectConfig,
    Rulebook,
)

__all__ = [
    "BUILTIN_PREFIX", "INPUT_RULE", "SUPPRESSION_RULE", "LoadedRulebook", "PERSONA_CHECK_IDS",
    "Persona", "Project",
    "ProjectConfig", "Rulebook", "assemble", "build_project", "builtin_packs", "find_config",
    "load_persona", "load_project", "load_rulebook", "override", "signature",
]
