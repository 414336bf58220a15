"""``pii``: personal data that must not appear in a public reply.

Keys (besides the common ones):

- ``detect``: any of ``email``, ``phone``, ``card``, ``iban``, ``ssn``, ``url``, ``handle``
  (default: all);
- ``allow``: text never flagged, such as the brand's own support address or phone number
  (compared without regard to case; ``*`` and ``?`` work as wildcards:
  ``"https://acme.example/*"``);
- ``regions``: countries whose national phone formats are recognised (two-letter codes,
  default ``[US, GB]``); numbers written with ``+`` and a country code are found anyway.

How each detector decides (so that dates, prices and order numbers are left alone):

- ``phone``: the ``phonenumbers`` library (a port of Google's libphonenumber) finds numbers
  that are valid for their region; toll-free, shared-cost, premium-rate and non-geographic
  business numbers are not personal and are not flagged;
- ``card``: 13 to 19 digits (spaces or dashes allowed) with a card network's prefix that
  pass the Luhn checksum;
- ``iban``: a country code, two check digits and the account, passing the ISO 13616
  mod-97 checksum;
- ``ssn``: a US social security number written ``123-45-6789`` or ``123 45 6789``, outside
  the ranges that are never issued;
- ``email``, ``url`` (``http://``, ``https://`` or ``www.``), ``handle`` (``@name``; the
  @mentions a reply starts with address the customer and are not flagged).

Example::

    - id: privacy.no-personal-data
      kind: pii
      severity: error
      detect: [email, phone, card, iban]
      allow: [help@acme.example]
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterator, Literal

from pydantic import Field, field_validator

from ..result import Finding
from ..social import read_social
from ..text import overlaps
from .base import Check as BaseCheck
from .base import RuleBase

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext

KIND = "pii"

Detector = Literal["email", "phone", "card", "iban", "ssn", "url", "handle"]
DETECTORS: tuple[str, ...] = ("email", "phone", "card", "iban", "ssn", "url", "handle")
WHAT = {"email": "an e-mail address", "phone": "a phone number", "card": "a card number",
        "iban": "a bank account number (IBAN)", "ssn": "a social security number",
        "url": "a link", "handle": "an @handle"}

Span = tuple[int, int]

# Our own fixed patterns, written so that they run in linear time.
# E-mail addresses, links and handles are read once per draft (brandvoice.social).
CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])")


def luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def card_network(digits: str) -> bool:
    """The number starts like a real card: Visa, Mastercard, Amex, Discover, Diners, JCB,
    UnionPay, Maestro."""
    two, four = int(digits[:2]), int(digits[:4])
    return (digits[0] == "4" or 51 <= two <= 55 or 2221 <= four <= 2720 or two in (34, 37)
            or digits.startswith(("6011", "65", "62", "36", "38", "50", "56", "57", "58"))
            or 644 <= int(digits[:3]) <= 649 or 300 <= int(digits[:3]) <= 305
            or 3528 <= four <= 3589)


def iban_valid(text: str) -> bool:
    compact = text.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def _emails(text: str, regions: list[str]) -> Iterator[Span]:
    for part in read_social(text).of("email"):
        yield part.span


def _urls(text: str, regions: list[str]) -> Iterator[Span]:
    for part in read_social(text).of("url"):
        yield part.span


def _handles(text: str, regions: list[str]) -> Iterator[Span]:
    """Handles, except those the reply starts with (they address the customer)."""
    for part in read_social(text).of("handle"):
        if part.place != "lead":
            yield part.span


def _cards(text: str, regions: list[str]) -> Iterator[Span]:
    for m in CARD.finditer(text):
        digits = re.sub(r"[ -]", "", m.group())
        if 13 <= len(digits) <= 19 and card_network(digits) and luhn(digits):
            yield m.span()


def _ibans(text: str, regions: list[str]) -> Iterator[Span]:
    for m in IBAN.finditer(text):
        if iban_valid(m.group()):
            yield m.span()


def _ssns(text: str, regions: list[str]) -> Iterator[Span]:
    for m in SSN.finditer(text):
        yield m.span()


#: Characters libphonenumber accepts between the digit groups of one number (its
#: VALID_PUNCTUATION), at most four in a row.
PHONE_PUNCTUATION = ("-x\u2010-\u2015\u2212\u30fc\uff0d-\uff0f \u00a0\u00ad\u200b\u2060"
                     "\u3000()\uff08\uff09\uff3b\uff3d.\\[\\]/~\u2053\u223c\uff5e")
DIGIT_RUN = re.compile(rf"\d(?:[{PHONE_PUNCTUATION}]{{0,4}}\d)*")


#: The fewest digits of a valid number in any region, and of one written with its
#: country code (from libphonenumber's metadata; tests/test_prefilters.py checks both
#: against the installed version, so that no number can be skipped).
FEWEST_ANYWHERE = 4
FEWEST_INTERNATIONAL = 6


def shortest_national(region: str) -> int:
    """The fewest digits of a valid national number of ``region``."""
    from phonenumbers import PhoneMetadata

    metadata = PhoneMetadata.metadata_for_region(region)
    lengths = [n for n in metadata.general_desc.possible_length if n > 0] if metadata else []
    return min(lengths, default=1)


@lru_cache(maxsize=64)
def fewest_digits(regions: tuple[str, ...]) -> int:
    """The fewest digits a valid phone number can have: written nationally in one of
    ``regions``, or internationally with any country code."""
    return min([FEWEST_INTERNATIONAL, *(shortest_national(region) for region in regions)])


def _masked(text: str) -> str:
    """``text`` with @handles and links blanked out (same length): their digits are
    names and paths, not phone numbers."""
    spans = [part.span for part in read_social(text).of("url", "handle")]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "_" * (end - start)
    return "".join(chars)


def _phones(text: str, regions: list[str]) -> Iterator[Span]:
    text = _masked(text)
    # Most replies have no run of digits long enough to be a phone number: then
    # libphonenumber (the slow part) is not asked.
    longest = max((sum(ch.isdigit() for ch in run) for run in DIGIT_RUN.findall(text)),
                  default=0)
    if longest < FEWEST_ANYWHERE or longest < fewest_digits(tuple(regions)):
        return
    import phonenumbers
    from phonenumbers import Leniency, PhoneNumberType

    business = {PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE,
                PhoneNumberType.SHARED_COST, PhoneNumberType.UAN, PhoneNumberType.VOIP}
    seen: set[Span] = set()
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
            span = (match.start, match.end)
            if span in seen or phonenumbers.number_type(match.number) in business:
                continue
            seen.add(span)
            yield span


FINDERS: dict[str, Callable[[str, list[str]], Iterator[Span]]] = {
    "email": _emails, "phone": _phones, "card": _cards, "iban": _ibans, "ssn": _ssns,
    "url": _urls, "handle": _handles,
}


class Rule(RuleBase):
    kind: Literal["pii"]
    detect: list[Detector] = Field(default_factory=lambda: list(DETECTORS), min_length=1)
    allow: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=lambda: ["US", "GB"], min_length=1)

    default_message = "'{match}' is {what}: personal data has no place in a public reply. " \
                      "Ask for it by direct message."

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, value: list[str]) -> list[str]:
        import phonenumbers

        upper = [region.upper() for region in value]
        unknown = [r for r in upper if r not in phonenumbers.SUPPORTED_REGIONS]
        if unknown:
            raise ValueError(f"unknown region {', '.join(unknown)}: use two-letter country "
                             "codes such as US, GB, DE, FR")
        return upper


class Check(BaseCheck):
    always = True

    def __init__(self, rule: Rule, compiler: "Compiler", **common):
        super().__init__(rule, **common)
        self.detect = list(dict.fromkeys(rule.detect))
        self.allow = [entry.lower() for entry in rule.allow]
        self.regions = rule.regions

    def _allowed(self, text: str) -> bool:
        lowered = text.lower()
        return any(lowered == entry or fnmatch.fnmatchcase(lowered, entry) for entry in self.allow)

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        taken: list[Span] = []
        for what in self.detect:
            for start, end in FINDERS[what](ctx.text, self.regions):
                if overlaps(start, end, taken):
                    continue  # an e-mail's domain is not also a link
                if self._allowed(ctx.text[start:end]):
                    continue
                taken.append((start, end))
                yield self.finding(ctx, start, end,
                                   message=self.message.replace("{what}", WHAT[what]))
