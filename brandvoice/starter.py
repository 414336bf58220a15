"""``brandvoice init``: a starter project that passes its own checks.

A config, a persona, a rulebook with examples, one sample reply, and the JSON Schemas that
give editors completion (the YAML files point at them with a modeline). Nothing is
written if any of these files exists already.
"""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError

SCHEMAS = ".brandvoice/schemas"

FILES = {
    "brandvoice.yaml": f"""\
# yaml-language-server: $schema={SCHEMAS}/config.json
# How our replies should sound, and what they must never say.
# Check a reply:      brandvoice check --text "Thanks for waiting!"
# Check every reply:  brandvoice check            (the files under files.include)
# Test the rules:     brandvoice test
persona: voice/persona.yaml
rulebooks:
  - builtin:legal-claims      # guarantees, admissions of fault... (shipped with brandvoice)
  - voice/rules.yaml          # our own do's and don'ts
defaults:                     # for replies that do not say where they go
  channel: twitter
  department: support
  context: general
fail_on: error                # error | warning | suggestion
min_score: 70
departments: [support, marketing, sales]   # the teams that write replies
# Who answers what: each kind of message belongs to the people trained for it, and a
# reply from another department is flagged with who to hand it to. Contexts: complaint,
# question, praise, general, and the buying-cycle stages pre-purchase, purchase and
# post-purchase, read from the customer's message (see docs/responsibilities.md).
responsibilities:
  complaint: [support]        # never leave an upset customer to marketing in public
  question: [support, sales]
  pre-purchase:               # asking about a product before buying: a sale to make,
    answered_by: [sales]      # not a risk, so a reply from support is a suggestion
    severity: suggestion
  praise: [marketing, support]
  general: [marketing, support]
files:
  include: ["replies/**/*.md", "replies/**/*.txt"]
""",
    "voice/persona.yaml": f"""\
# yaml-language-server: $schema=../{SCHEMAS}/persona.json
name: Our brand
summary: Warm, plain-spoken, owns mistakes, never robotic.
readability:
  max_grade: 8                # Flesch-Kincaid grade
  max_sentence_words: 25
tone:
  politeness: {{min: 0.2}}     # 0 (rude) .. 1 (very polite): never curt with a customer
style:
  max_exclamations: 2         # a wall of "!" is off-voice; one or two are warmth
  max_emoji: 2
  max_hashtags: 2
  shouting: false
  allow_caps: [DM, FAQ, ID]
  contractions: prefer
contexts:
  complaint:
    require_empathy: true     # say sorry or show you understand
    forbid_promotion: true    # no sales pitch in a complaint
examples:
  on_brand: ["Sorry about the wait, Sam. I've sent you a DM so we can sort this today."]
  off_brand: ["Your complaint has been logged. Do not reply to this message."]
""",
    "voice/rules.yaml": f"""\
# yaml-language-server: $schema=../{SCHEMAS}/rulebook.json
name: Our do's and don'ts
owner: support
rules:
  - id: support.details-by-dm      # personal details only by direct message
    kind: require
    severity: error
    category: privacy.asks-public   # what it catches, for brandvoice eval
    when: [your account number, your home address, your date of birth]
    require: [DM, direct message, private message]
    message: "Asking for '{{match}}' in public: ask the customer to send it by direct message (DM)."
    examples:
      bad: ["Please reply with your account number.", "What is your home address?"]
      good: ["Please DM us your account number so we can look into it.",
             "We've updated your account."]
  - id: support.plain-words         # a matter of style: a suggestion, it holds no reply
    kind: replace
    severity: suggestion
    category: style.plain-language
    match: lemma
    replace: {{utilize: use, in order to: to}}
    examples:
      bad: ["We utilize a new system.", "In order to help, we called."]
      good: ["We use a new system.", "To help, we called."]
""",
    "replies/welcome.md": """\
---
id: welcome
context: general
---
Thanks for getting in touch, Sam! We're looking into it and will update you today.
""",
}


def create(folder: Path) -> list[Path]:
    """Write the starter project into ``folder``; refuse if any of its files exists."""
    from .schema import MODELS

    targets = [folder / name for name in FILES]
    targets += [folder / SCHEMAS / f"{kind}.json" for kind in MODELS]
    existing = [path for path in targets if path.exists()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise UsageError(f"not overwriting what is there already ({names}); nothing was "
                         "written. Run brandvoice init in an empty folder, or move these away")
    from .schema import write_all

    for name, content in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    write_all(folder / SCHEMAS)
    return targets
