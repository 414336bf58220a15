"""Why the bytes of a draft file are not UTF-8 text, in words a user can act on.

Helpdesk exports and spreadsheets are often saved in a legacy encoding (Excel's "CSV"
on Windows is Windows-1252). We do not guess and convert, since a wrong guess changes
the words checked; we say what the file looks like and where the first unreadable byte
is, so it can be saved again as UTF-8. The guess comes from charset-normalizer (the
detector that requests uses), after a check for byte order marks and for the Western
European encoding most of our users' files are in.
"""

from __future__ import annotations

import codecs

#: Byte order marks of encodings other than UTF-8 (UTF-32 first: its LE mark starts
#: with UTF-16's).
BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
#: Characters of Windows-1252 beyond ASCII that Western European text uses.
_WESTERN = set(bytes(range(0xA0, 0x100)).decode("latin-1")) | set("€‚„…†‡‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
#: Bytes read to guess an encoding.
SAMPLE = 65536


def utf16(raw: bytes) -> bool:
    """Whether ``raw`` looks like UTF-16 text without a byte order mark (ASCII letters
    with a zero byte before or after each)."""
    sample = raw[:SAMPLE]
    half = len(sample) // 2
    return half >= 4 and max(sample[0::2].count(0), sample[1::2].count(0)) >= 0.9 * half


def looks_like(raw: bytes) -> str | None:
    """The encoding ``raw`` seems to be in, named as editors name it; None if unknown."""
    for bom, name in BOMS:
        if raw.startswith(bom):
            return name
    if utf16(raw):
        return "UTF-16"
    sample = raw[:SAMPLE]
    try:
        western = sample.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        letters = [ch for ch in western if ch.isalpha()]
        accented = sum(not ch.isascii() for ch in letters)
        if all(ch.isascii() or ch in _WESTERN for ch in western) \
                and accented <= 0.3 * len(letters):
            return "Windows-1252 (Western European, as Excel and older Windows programs " \
                   "save it)"
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    # Among equally good readings, name the Windows code page: that is what files are
    # saved in far more often than, say, Mac Cyrillic.
    for other in matches:
        if other.encoding.startswith("cp125") and other.language == best.language \
                and other.chaos <= best.chaos + 0.05:
            best = other
            break
    name = _name(best.encoding)
    return f"{name} ({best.language} text)" if best.language not in ("", "Unknown") else name


def _name(codec: str) -> str:
    """A Python codec name as editors show it: cp1251 -> Windows-1251."""
    codec = codec.lower()
    if codec.startswith("cp125"):
        return f"Windows-{codec[2:]}"
    if codec.startswith("iso8859_"):
        return f"ISO-8859-{codec[8:]}"
    return {"cp932": "Shift JIS", "shift_jis": "Shift JIS", "euc_jp": "EUC-JP",
            "euc_kr": "EUC-KR", "gb2312": "GB2312", "gb18030": "GB18030", "big5": "Big5",
            "utf_16": "UTF-16", "utf_32": "UTF-32", "mac_roman": "Mac Roman",
            "koi8_r": "KOI8-R"}.get(codec, codec.upper().replace("_", "-"))


def where(raw: bytes, index: int) -> tuple[int, int]:
    """Line and column of byte ``index`` (the first that is not UTF-8) in ``raw``."""
    from ..text import line_col, line_starts

    before = raw[:index].decode("utf-8-sig", errors="replace")
    return line_col(line_starts(before), len(before))
