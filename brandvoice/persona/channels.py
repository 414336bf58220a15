"""Channel profiles: how long a reply may be on each platform, and how the platform counts.

- twitter, x: 280 weighted characters (Latin characters weigh 1; CJK, most other scripts
  and each emoji 2; every URL 23; the @names a reply opens with, and the spaces after
  them, not counted; an HTML entity such as "&amp;" in an export counted as its one
  character), as the X developer docs' "Counting characters" and twitter-text describe;
- bluesky: 300 graphemes (the AT Protocol lexicon app.bsky.feed.post, maxGraphemes);
- threads 500, instagram 2,200 (captions), linkedin 3,000, facebook 63,206 characters;
- tiktok: 150 characters (replies are comments);
- sms: 160 characters (one GSM-7 segment, 3GPP TS 23.038);
- email and chat: no limit.

Sources and details: docs/persona.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ..social import read_social
from ..text import find_emoji
from .style import PersonaCheck

if TYPE_CHECKING:
    from ..config.models import Channel
    from ..lint import DraftContext
    from ..result import Finding


@dataclass(frozen=True)
class Profile:
    max_length: int | None
    count: str = "characters"  # characters | graphemes | twitter


BUILTIN: dict[str, Profile] = {
    "twitter": Profile(280, "twitter"),
    "x": Profile(280, "twitter"),
    "bluesky": Profile(300, "graphemes"),
    "threads": Profile(500),
    "instagram": Profile(2200),
    "linkedin": Profile(3000),
    "facebook": Profile(63206),
    "tiktok": Profile(150),
    "sms": Profile(160),
    "email": Profile(None),
    "chat": Profile(None),
}

# twitter-text v3: code points in these ranges weigh 1, all others 2; URLs weigh 23.
_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
URL_WEIGHT = 23
#: HTML entities, as exports of posted replies write "&" or "<" ("&amp;", "&#39;").
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});")


def _weight(char: str) -> int:
    code = ord(char)
    return 1 if any(lo <= code <= hi for lo, hi in _LIGHT) else 2


def units(text: str, count: str) -> list[tuple[int, int, int]]:
    """The text as (start, end, weight) units, the way ``count`` counts them."""
    if count == "graphemes":
        import regex

        return [(m.start(), m.end(), 1) for m in regex.finditer(r"\X", text)]
    if count != "twitter":
        return [(i, i + 1, 1) for i in range(len(text))]
    # Links as the draft's social-media reading finds them (brandvoice.social); the
    # @names a reply opens with are not counted (X leaves them out of the limit).
    social = read_social(text)
    special = [(p.start, p.end, URL_WEIGHT) for p in social.of("url", "domain")]
    # X's display range of a reply starts after them and the spaces that follow them.
    lead = [p for p in social.of("handle") if p.place == "lead"]
    if lead and lead[0].start == 0:
        end = lead[-1].end
        while end < len(text) and text[end].isspace():
            end += 1
        special.append((0, end, 0))
    # an export of posted replies holds HTML entities where the reply showed one character
    special += [(m.start(), m.end(), 1) for m in _ENTITY.finditer(text)
                if not any(s <= m.start() < t for s, t, _ in special)]
    found = find_emoji(text)
    special += [(e["match_start"], e["match_end"], 2) for e in found
                if not any(s <= e["match_start"] < t for s, t, _ in special)]
    special.sort()
    out: list[tuple[int, int, int]] = []
    position = 0
    for start, end, weight in special:
        out.extend((i, i + 1, _weight(text[i])) for i in range(position, start))
        out.append((start, end, weight))
        position = end
    out.extend((i, i + 1, _weight(text[i])) for i in range(position, len(text)))
    return out


def profiles(overrides: dict[str, "Channel"]) -> dict[str, Profile]:
    """The built-in profiles, with the persona's ``channels`` overriding or adding."""
    merged = dict(BUILTIN)
    for name, channel in overrides.items():
        base = merged.get(name.lower(), Profile(None))
        merged[name.lower()] = Profile(
            channel.max_length if channel.max_length is not None else base.max_length,
            channel.count or base.count)
    return merged


class ChannelLength(PersonaCheck):
    """A draft longer than its channel allows; the finding starts where the limit is passed."""

    always = True

    def __init__(self, channels: dict[str, Profile], **common):
        super().__init__("persona.channel.length", **common)
        self.channels = channels

    def check(self, ctx: "DraftContext") -> Iterator["Finding"]:
        profile = self.channels.get((ctx.draft.channel or "").lower())
        if profile is None or profile.max_length is None:
            return
        lead = len(ctx.text) - len(ctx.text.lstrip())
        counted = units(ctx.text.strip(), profile.count)
        total = sum(weight for _, _, weight in counted)
        if total <= profile.max_length:
            return
        running = 0
        for start, _, weight in counted:
            running += weight
            if running > profile.max_length:
                cut = lead + start
                break
        while cut < len(ctx.text) and ctx.text[cut].isspace():
            cut += 1
        end = ctx.whole[1]
        unit = "characters" if profile.count != "graphemes" else "characters (graphemes)"
        message = (self.message.replace("{count}", str(total))
                   .replace("{max}", str(profile.max_length))
                   .replace("{channel}", ctx.draft.channel or "")
                   .replace("{unit}", unit))
        yield self.finding(ctx, cut, end, message=message)
