"""What brandvoice reads as social-media structure in a reply, once per draft.

A reply posted on a social network is more than its sentences. Around and inside them
are parts that are not prose, and that no check should judge as prose:

- ``handle`` (``@AcmeHelp``), ``hashtag`` (``#acme``), ``cashtag`` (``$ACME``), ``url``
  (``https://...``, ``www...``), ``domain`` (``acme.com/help``) and ``email``;
- ``signoff``: the agent's mark at the end of a reply: initials or a first name after a
  mark (``^JK``, ``*TMT``, ``-Becky``, ``- Becky``, ``~AB``, ``/JK``, ``—Sam``, ``= JJ``,
  ``^Jen R``), two or three capitals standing alone after the last sentence (``... today.
  JK``), or a name alone on the last line after a closing ("Regards,\\nAmruta");
  it may be followed by a thread marker, trailing handles, hashtags and links;
- ``thread``: a thread marker (``1/2``, ``(2/2)``, ``[1/3]``, ``1/``) at the start or the
  end of the reply, with the part number and the number of parts;
- ``quote``: quoted text (in straight or curly double quotes, or after ``RT @name:``):
  someone else's words.

Each part also says where it is: ``lead`` (the handles and thread marker the reply
starts with), ``tail`` (what follows the last sentence: a sign-off, a thread marker,
handles, hashtags, links) or ``body``.

The reading also says which passages of the prose are shouted (:meth:`Social.shouted`):
the persona's shouting check and the reading of a customer's message (is it insistent?)
both ask it.

:func:`read_social` reads a text once (and remembers the last few texts read); the
linter hands every check the reading of its draft (``DraftContext.social``). The patterns are
our own, written to run in time linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable

Span = tuple[int, int]

# A match may only start where the run of characters it could start with starts ("a.a.a."
# or "a-a-a-..." is tried once, not from each letter to the end of the run, which was
# quadratic). A later start inside a run matches only where the run's start matches too,
# with the same end, so the matches are the same.
_URL = r"(?i:https?://|www\.)[^\s<>\"'()]+[^\s<>\"'().,;:!?]"
_BARE_DOMAIN = (r"(?<![A-Za-z0-9-])(?<![A-Za-z0-9-]\.)-*(?P<host>)\b[A-Za-z0-9-]+"
                r"(?:\.[A-Za-z0-9-]+)*"
                r"\.(?i:com|org|net|io|co|uk|de|fr|app|dev|ly|me|us|ca|au|info|biz)\b"
                r"(?:/[^\s<>\"']*[^\s<>\"'().,;:!?])?")
# Leading punctuation of a domain or of an e-mail's local part is read past: it is no
# part of the span, which starts at the empty group "host" or "mailbox".
_EMAIL = (r"(?<![A-Za-z0-9._%+-])[._%+-]*(?P<mailbox>)\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"
          r"\.[A-Za-z]{2,}\b")
_HANDLE = r"(?<![\w@])@[A-Za-z0-9_]{1,30}"
# A tag has a letter: "#1" and "&#39;" are no hashtags.
_HASHTAG = r"(?<![\w#&])#\d*[^\W\d]\w*"
# A ticker: letters only ("$5" is money), an optional class suffix ("$BRK.B").
_CASHTAG = r"(?<![\w$])\$[A-Za-z]{1,6}(?:\.[A-Za-z]{1,2})?(?![\w])"

_PARTS = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in (
    ("email", _EMAIL), ("url", _URL), ("domain", _BARE_DOMAIN), ("handle", _HANDLE),
    ("hashtag", _HASHTAG), ("cashtag", _CASHTAG))))
_STARTS = {"email": "mailbox", "domain": "host"}

#: A thread marker: part k of n ("1/2", "(2/2)", "[1/3]"), or "1/" (a thread of unknown
#: length). Not glued to a word, a number or another slash ("24/7", "10/31" are no
#: markers: the part must not be past the count, and the count is at most MOST_PARTS).
_THREAD = re.compile(r"(?<![\w/])[(\[]?(?P<part>\d{1,2})/(?P<of>\d{1,2})?[)\]]?(?![\w/])")
MOST_PARTS = 10

# The sign-off at the end of a text (searched in a short window before the end):
# a mark, then initials or a first name (with an initial or a second name).
_NAME = r"[A-Z][A-Za-z'’]{0,19}(?: [A-Z][A-Za-z]{0,14})?"
_SIGNOFF = re.compile(
    # "^" is no prose mark: anything may come before it ("sorry.2/2^Corry", ".^sp"), and
    # lower-case initials follow it ("^cr").
    r"(?:\^ ?(?:" + _NAME + r"|[a-z]{1,3})"
    # the other marks follow a space, the start, punctuation or a thread marker's digit
    r"|(?:(?<=[\s\d.,;:!?)\]\"'”’…])|^)(?:[*~=] ?|/|[-–—]{1,2} ?)" + _NAME
    # a dash glued to a closing word: "Thanks-Sha"
    + r"|(?:(?<=[Tt]hanks)|(?<=[Cc]heers)|(?<=[Rr]egards))[-–—]" + _NAME + r")"
    r"(?P<after>[.…]*)\s*\Z")
# Two or three capitals alone after the last sentence, a link or text without spaces
# between words (Japanese, Chinese): "... to help. JK", "https://t.co/x ET".
_INITIALS = re.compile(r"(?<![\w'’-])[A-Z]{2,3}(?P<after>[.]?)\s*\Z")
# A name alone on the last line, after a line that ends with a comma ("Regards,\nAmruta").
_NAME_LINE = re.compile(r",[ \t]*\r?\n\s*(?P<name>(?:[Tt]he )?[A-Z][A-Za-z'’-]{1,19}"
                        r"(?: [A-Z][A-Za-z'’-]{1,19}){0,2})[.!]?\s*\Z")
#: How far before the end a sign-off or a thread marker is looked for (characters).
WINDOW = 60

# Quoted text: within one line, at most QUOTE_MOST characters between the marks.
QUOTE_MOST = 280
_QUOTE = re.compile(r'"[^"\n]{1,%d}"|“[^“”\n]{1,%d}”' % (QUOTE_MOST, QUOTE_MOST))
_RETWEET = re.compile(r"\A\s*RT @[A-Za-z0-9_]{1,30}:?\s")

#: A private channel as a noun, as replies and customers name it: "a DM", "a direct
#: message", "a PM", "a private message". The checks that ask whether a reply moves to a
#: private channel, or whether the customer says they already wrote one, share it.
PRIVATE_MESSAGE = r"(?:DM|direct message|PM|private message)"

#: Kinds of part that are no words of a sentence, wherever they are.
NOT_WORDS = frozenset({"handle", "url", "domain", "email", "cashtag", "signoff", "thread"})
#: Kinds of part that are not the brand's own prose (shouting, exclamations and emoji in
#: them are not counted).
NOT_PROSE = NOT_WORDS | {"hashtag", "quote"}


@dataclass(frozen=True)
class Part:
    """One piece of social-media structure: ``text[start:end]`` is a ``kind`` (see the
    module's docstring) at ``place``: ``lead``, ``body`` or ``tail``."""

    start: int
    end: int
    kind: str
    place: str = "body"

    @property
    def span(self) -> Span:
        return self.start, self.end


@dataclass(frozen=True)
class Thread:
    """A thread marker: this reply is part ``part`` of ``of`` (None: "1/", count unknown)."""

    part: int
    of: int | None
    start: int
    end: int

    @property
    def continuation(self) -> bool:
        """Part 2 or later of a thread: it goes on from an earlier reply."""
        return self.part > 1


def _thread(match: re.Match[str]) -> Thread | None:
    """The marker ``match`` found, if its numbers make a thread marker."""
    part, of = int(match["part"]), match["of"]
    count = int(of) if of is not None else None
    if part < 1 or part > MOST_PARTS or (count is not None and not part <= count <= MOST_PARTS):
        return None
    if count is None and (match[0][0] in "([" or match[0][-1] in ")]"):
        return None  # "(1/)" is nothing anyone writes
    if count == 1:
        return None  # "1/1" is no thread
    return Thread(part, count, match.start(), match.end())


def _tail_match(pattern: re.Pattern[str], text: str, end: int) -> re.Match[str] | None:
    """``pattern`` (anchored at its end with ``\\Z``) in the last characters before ``end``."""
    start = max(0, end - WINDOW)
    return pattern.search(text, start, end)


class Social:
    """The social-media reading of one text (see the module's docstring)."""

    def __init__(self, text: str):
        self.text = text
        found: list[Part] = []
        for m in _PARTS.finditer(text):
            kind = m.lastgroup or ""
            found.append(Part(m.start(_STARTS.get(kind, 0)), m.end(), kind))
        self.thread: Thread | None = None
        self.signoff: Part | None = None
        lead_end = self._lead(text, found)
        self.lead: Span = (0, lead_end)
        tail_start = self._tail(text, found, lead_end)
        self.tail: Span = (tail_start, len(text))
        placed = [Part(p.start, p.end, p.kind, "lead" if p.end <= lead_end
                       else "tail" if p.start >= tail_start else "body") for p in found]
        placed += self._quotes(text, placed, tail_start)
        placed.sort(key=lambda p: (p.start, -p.end))
        #: Every part, in text order.
        self.parts: tuple[Part, ...] = tuple(placed)
        self._by_kinds: dict[frozenset[str], list[Span]] = {}

    # --- reading -------------------------------------------------------------------------

    def _lead(self, text: str, found: list[Part]) -> int:
        """Where the reply's lead ends: the handles it starts with (".@name" too, and a
        comma or colon between them), and a thread marker after them."""
        position = 0
        for part in found:
            between = text[position:part.start]
            if part.kind != "handle" or between.strip(" \t\r\n" + (",:" if position else ".")):
                break
            position = part.end
        marker = _THREAD.match(text, _skip_space(text, position))
        if marker is not None and (marker.end() == len(text) or not text[marker.end()].isalnum()):
            thread = _thread(marker)
            if thread is not None:
                self.thread = thread
                found.append(Part(thread.start, thread.end, "thread"))
                found.sort(key=lambda p: (p.start, -p.end))
                position = thread.end
        return position

    def _tail(self, text: str, found: list[Part], lead_end: int) -> int:
        """Where the reply's tail starts: a sign-off, a thread marker, handles, hashtags
        and links after the last sentence, in any order."""
        ends = {p.end: p for p in found if p.start >= lead_end and p.kind != "thread"}
        end = _back_over_space(text, len(text))
        tail = len(text)
        added: list[Part] = []
        while end > lead_end:
            part = ends.get(end)
            if part is not None and part.kind in ("handle", "hashtag", "cashtag", "url",
                                                  "domain", "email"):
                tail = end = part.start
            elif (self.thread is None and (marker := self._thread_at(text, end, lead_end))):
                self.thread = marker
                added.append(Part(marker.start, marker.end, "thread"))
                tail = end = marker.start
            elif self.signoff is None and (mark := self._signoff_at(text, end, lead_end, ends)):
                self.signoff = mark
                added.append(mark)
                tail = end = mark.start
            else:
                break
            end = _back_over_space(text, end)
        found.extend(added)
        return tail if tail < len(text) else len(text)

    @staticmethod
    def _thread_at(text: str, end: int, lead_end: int) -> Thread | None:
        """A thread marker ending at ``end`` (a full stop or an ellipsis may follow it)."""
        stop = end
        while stop > lead_end and text[stop - 1] in ".…":
            stop -= 1
        for match in _THREAD.finditer(text, max(lead_end, stop - 8), stop):
            if match.end() == stop:
                return _thread(match)
        return None

    def _signoff_at(self, text: str, end: int, lead_end: int, ends: dict[int, Part]
                    ) -> Part | None:
        """A sign-off ending at ``end``."""
        for pattern in (_SIGNOFF, _NAME_LINE, _INITIALS):
            match = _tail_match(pattern, text, end)
            if match is None:
                continue
            start = match.start("name") if pattern is _NAME_LINE else match.start()
            stop = match.end("name") if pattern is _NAME_LINE else match.start("after")
            if start < lead_end or _NOT_SPACE.search(text, lead_end, start) is None:
                continue  # a sign-off follows something the agent wrote
            if pattern is _INITIALS and not self._initials_stand_alone(text, start, ends):
                continue
            return Part(start, stop, "signoff", "tail")
        return None

    @staticmethod
    def _initials_stand_alone(text: str, start: int, ends: dict[int, Part]) -> bool:
        """Capitals read as initials: after a sentence's end, a link or a character of a
        script written without spaces, not after a word ("Send us a DM")."""
        before = _back_over_space(text, start)
        if before == 0:
            return False
        if before in ends and ends[before].kind in ("url", "domain", "handle", "hashtag"):
            return True
        last = text[before - 1]
        return not (last.isascii() and (last.isalnum() or last in ",;:'\"&^*~/=-")
                    or last in "’–—")

    @staticmethod
    def _quotes(text: str, parts: list[Part], tail_start: int) -> list[Part]:
        """Quoted text (not inside a link), and a retweet's text."""
        quotes: list[Part] = []
        retweet = _RETWEET.match(text)
        if retweet is not None and retweet.end() < tail_start:
            quotes.append(Part(retweet.end(), tail_start, "quote"))
        links = _merged(p.span for p in parts if p.kind in ("url", "domain", "email"))
        for m in _QUOTE.finditer(text):
            if not _overlapping(links, m.start(), m.end()):
                quotes.append(Part(m.start(), m.end(), "quote",
                                   "tail" if m.start() >= tail_start else "body"))
        return quotes

    # --- asking --------------------------------------------------------------------------

    @property
    def continuation(self) -> bool:
        """Whether the reply is part 2 or later of a thread."""
        return self.thread is not None and self.thread.continuation

    def of(self, *kinds: str) -> list[Part]:
        """The parts of these kinds, in text order."""
        return [p for p in self.parts if p.kind in kinds]

    @cached_property
    def not_words(self) -> list[Span]:
        """Spans that are no words of a sentence: handles, links, e-mail addresses,
        cashtags, the sign-off, thread markers, and hashtags in the lead or the tail."""
        return _merged(p.span for p in self.parts if p.kind in NOT_WORDS
                       or (p.kind == "hashtag" and p.place != "body"))

    @cached_property
    def not_prose(self) -> list[Span]:
        """Spans that are not the brand's own prose: every part (quotes included)."""
        return self._spans(NOT_PROSE)

    def covers(self, start: int, end: int, kinds: Iterable[str] = NOT_PROSE) -> bool:
        """Whether ``start``..``end`` overlaps a part of one of ``kinds``."""
        return _overlapping(self._spans(frozenset(kinds)), start, end)

    def _spans(self, kinds: frozenset[str]) -> list[Span]:
        """The merged spans of the parts of ``kinds`` (worked out once per set of kinds)."""
        spans = self._by_kinds.get(kinds)
        if spans is None:
            spans = self._by_kinds[kinds] = _merged(p.span for p in self.parts
                                                    if p.kind in kinds)
        return spans

    @cached_property
    def prose(self) -> str:
        """The text with every span of :attr:`not_words` blanked out (the same length, so
        offsets stay): what readability is measured on. A text without such parts is
        returned as it is."""
        spans = self.not_words
        if not spans:
            return self.text
        pieces, position = [], 0
        for start, end in spans:
            pieces += [self.text[position:start], " " * (end - start)]
            position = end
        pieces.append(self.text[position:])
        return "".join(pieces)

    def trim(self, start: int, end: int) -> Span:
        """``start``..``end`` without the parts that are no words and the white space at
        either edge (a sentence without its leading handles and trailing sign-off)."""
        spans = self.not_words
        text = self.text
        while start < end:
            if text[start].isspace():
                start += 1
                continue
            inside = _covering(spans, start)
            if inside is None:
                break
            start = min(inside[1], end)
        while start < end:
            if text[end - 1].isspace():
                end -= 1
                continue
            inside = _covering(spans, end - 1)
            if inside is None:
                break
            end = max(inside[0], start)
        return start, end

    def shouted(self, allow: frozenset[str] = frozenset()) -> list[Span]:
        """The passages of the prose in capitals that read as shouting: a word of
        :data:`SHOUTED_LETTERS` capitals or more, or :data:`SHOUTED_RUN` words in capitals
        in a row (see :func:`_phrase`), one span per passage (a passage ends at a word
        with a small letter, the end of a sentence or a line, or a part that is not
        prose). Acronyms (two to four capitals: ASAP, USPS), numbers and codes with
        digits (UA123, iOS 11) and the words of ``allow`` (in capitals) do not count;
        a word of ``allow`` may stand inside a shouted passage."""
        text, out = self.text, []
        run: list[tuple[int, int, bool]] = []  # (start, end, whether the word counts)
        last_end = 0
        for found in _CAPS_WORD.finditer(text):
            start, end = found.span()
            word = found.group()
            if run and _CAPS_BREAK.search(text, last_end, start):
                out += _passage(text, run)
                run = []
            last_end = end
            if word.upper() != word:  # a word with a small letter ends a passage
                out += _passage(text, run)
                run = []
                continue
            if word.lower() == word or any(ch.isdigit() for ch in word):
                continue  # a number or a code (UA123) neither shouts nor breaks a passage
            if self.covers(start, end):  # a handle, a link, the sign-off, a quote...
                out += _passage(text, run)
                run = []
                continue
            bare = word.replace("'", "").replace("’", "").replace("-", "")
            run.append((start, end, word not in allow and bare not in allow))
        return out + _passage(text, run)

    def describe(self) -> list[tuple[str, str, str]]:
        """Each part as (kind, place, text), in text order: for docs and tests."""
        return [(p.kind, p.place, self.text[p.start:p.end]) for p in self.parts]


# A word: letters and digits, with apostrophes or hyphens inside ("DON'T", "RE-TASTE").
_CAPS_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# What ends a sentence (or a line): a shouted passage does not run on past it.
_CAPS_BREAK = re.compile(r"[.!?…]|\n")
#: Fewest capital letters of a word in capitals that reads as shouting on its own; shorter
#: ones have the shape of an acronym (ASAP, GPU, ZIP, USPS, ETA).
SHOUTED_LETTERS = 5
#: Fewest words in capitals in a row that read as shouting, whatever their length ("I AM
#: SO SORRY"); two short ones may be acronyms ("LAX SFO", "PSN ID").
SHOUTED_RUN = 3


def _passage(text: str, run: list[tuple[int, int, bool]]) -> list[Span]:
    """The span of a run of words in capitals (start, end, whether the word counts) when
    it reads as shouting, else nothing."""
    counted = [(s, e) for s, e, counts in run if counts]
    if not counted:
        return []
    # capitals per word (letters of scripts without case are no capitals: "お伝えしたURL")
    letters = [sum(ch.isupper() for ch in text[s:e]) for s, e in counted]
    if max(letters) >= SHOUTED_LETTERS or _phrase(text, counted, letters):
        return [(counted[0][0], counted[-1][1])]
    return []


def _phrase(text: str, words: list[Span], letters: list[int]) -> bool:
    """Whether SHOUTED_RUN of ``words`` follow each other with only white space between
    them, two of them more than a letter long ("I AM OK"; not a list of acronyms, "LHR,
    LGW, MAN", nor "A B C")."""
    chain: list[int] = []
    for index, (start, _) in enumerate(words):
        if chain and text[words[index - 1][1]:start].strip():
            chain = []
        chain.append(letters[index])
        if len(chain) >= SHOUTED_RUN and sum(n > 1 for n in chain) >= 2:
            return True
    return False


_NOT_SPACE = re.compile(r"\S")


def _skip_space(text: str, position: int) -> int:
    """The first position from ``position`` on that is not white space."""
    found = _NOT_SPACE.search(text, position)
    return found.start() if found else len(text)


def _back_over_space(text: str, end: int) -> int:
    """``end`` moved back over the white space before it."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _covering(spans: list[Span], position: int) -> Span | None:
    """The span of ``spans`` (sorted, not overlapping) that holds ``position``."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index]
    return None


def _overlapping(spans: list[Span], start: int, end: int) -> bool:
    """Whether ``start``..``end`` overlaps one of ``spans`` (sorted, not overlapping)."""
    index = bisect.bisect_left(spans, (end,))  # the first span starting at or after end
    return index > 0 and spans[index - 1][1] > start


def _merged(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


@lru_cache(maxsize=16)
def read_social(text: str) -> Social:
    """The social-media reading of ``text``. The last few texts read are remembered: the
    checks of one draft (and of the message it answers) share one reading."""
    return Social(text)
