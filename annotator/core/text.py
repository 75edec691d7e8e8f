"""Decoding imported bytes into the one canonical text of an article (guide, invariant 1).

Import decodes, normalizes newlines (``\\r\\n`` and lone ``\\r`` become ``\\n``) and changes nothing
else: NBSP, U+2028/U+2029, tabs, full-width characters and trailing spaces all stay, because span
offsets are code-point indices into exactly this text.

Decoding is an explicit ladder: byte order mark; strict UTF-8; then, only for bytes that are not
mostly UTF-8, detection restricted to an allowlist: GB18030 (which reads GBK and GB2312), Big5,
UTF-16 without a byte order mark (it has NUL bytes) and Windows-1252 for Western text. No other
code page is ever chosen. Bytes that are mostly UTF-8 but hold an invalid byte are refused with
the line and byte offset (``BrokenUtf8``): decoding them any other way garbles every character
(charset-normalizer calls such a file cp737 and turns 文本 into όΨΘόευ).

charset-normalizer is unreliable on short Chinese text (measured with 3.5.3: GBK "你好" -> big5, "中国人" and "新闻标题" -> cp949,
an 18-character Big5 sentence -> shift_jis_2004), so before asking it we try strict GB18030 and
Big5 decodes and keep one when nearly all of it is common Chinese (``_chinese_reading``). Korean
EUC-KR would pass that test, so Hangul prose with spaces is recognized first. Among single-byte
code pages charset-normalizer's choice is replaced by Windows-1252 when that reads as plain
letters and punctuation (it calls short English/French text cp1250 or cp437).
"""

from __future__ import annotations

import codecs
import hashlib
import re

from annotator.core.lazy_re import lazy_re

HAN_RANGES = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
"""Han ideographs (CJK Unified + Extensions A..H + compatibility, 々, 〇), for regex classes."""

# runs, not single characters: guess_language sums match lengths (a tenth of the matches)
_HAN_RUN_RE = lazy_re(f"[{HAN_RANGES}]+")  # compiled when used (issue 14)
_LATIN_RUN_RE = lazy_re(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a]+")
_LETTER_RUN_RE = lazy_re(r"[^\W\d_]+")  # any letter, as str.isalpha roughly counts
_NEWLINES_RE = re.compile(r"\r\n?")
_NOT_A_CHARACTER_RE = lazy_re("[\x00\ud800-\udfff]")
_CONTROL_RE = lazy_re(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# · dashes quotes … ‰ ℃, ideographic space 、。〃 〈〉《》「」『』【】, full-width ！ to ～
_PUNCTUATION_RE = re.compile(
    "[\u00b7\u2010-\u2027\u2030\u2103\u3000-\u3003\u3008-\u3011\uff01-\uff5e]"
)
_HANGUL_WORDS_RE = lazy_re("[\uac00-\ud7a3] [\uac00-\ud7a3]")
_BOMS = (  # UTF-32 first: its LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GB_FAMILY = {"gb2312", "gbk", "cp936", "gb18030"}
_CP1252_EXTRA = set("\u00a0«»°±·¼½¾¿×÷©®§¶€„…†‡‰‹›‘’“”•–—™¢£¥")
_CHINESE_CODECS = ("gb18030", "big5")  # in order of preference on a tie
#: What detection may choose (charset-normalizer's other answers are never taken).
ALLOWED_DETECTED = frozenset({"gb18030", "big5", "utf-16-le", "utf-16-be", "cp1252"})
_SUPPORTED = "UTF-8, UTF-16, GB18030/GBK, Big5 or Windows-1252"
# a valid multi-byte UTF-8 sequence, or one byte that is not part of one
_UTF8_MULTI = lazy_re(
    rb"([\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})|[\x80-\xff]")
# a byte that never occurs in UTF-8 next to a continuation byte: a multi-byte character with
# one byte overwritten (a legacy code page rarely puts those two next to each other)
_UTF8_WRECK = lazy_re(rb"[\xc0\xc1\xf5-\xff][\x80-\xbf]|[\x80-\xbf][\xc0\xc1\xf5-\xff]")
_WINDOW = 256 * 1024
_LATIN_LEADS = frozenset(range(0xC3, 0xCA))  # U+00C0..U+024F: Latin letters with accents
_CHINESE_MIN_SCORE = 0.9
_SCORE_SAMPLE = 4000


class TextDecodeError(ValueError):
    """Bytes that cannot become an article text; the message names the file."""


class BrokenUtf8(TextDecodeError):
    """Mostly UTF-8, but with an invalid byte: refused, never guessed at.

    ``offset`` is the byte offset of the first invalid byte, ``line`` its line (1-based)."""

    def __init__(self, label: str, data: bytes, offset: int) -> None:
        self.offset = offset
        self.line = data.count(b"\n", 0, offset) + 1
        self.byte = data[offset]
        super().__init__(f"{label}:{self.line}: {self.reason()}")

    def reason(self) -> str:
        return invalid_byte(self.byte, self.offset)


def invalid_byte(byte: int, offset: int) -> str:
    """How a byte that breaks UTF-8 is named in every message."""
    return f"byte 0x{byte:02x} at offset {offset:,} is not valid UTF-8"


def decode_bytes(data: bytes, name: str = "") -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)`` with a Python codec name.

    A byte order mark wins and is removed; then strict UTF-8; then detection. Raises
    TextDecodeError for empty, binary or undecodable input and for text containing NUL.
    """
    label = name or "input"
    if not data:
        raise TextDecodeError(f"{label}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                text = body.decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise TextDecodeError(
                    f"{label}: starts with a {encoding} byte order mark but is not valid "
                    f"{encoding} (byte offset {exc.start + len(bom)})"
                ) from None
            return _refuse_nul(text, label), encoding
    if b"\x00" in data:
        return _decode_with_nul(data, label)
    try:
        return _refuse_nul(data.decode("utf-8"), label), "utf-8"
    except UnicodeDecodeError as exc:
        return _detect(data, label, exc.start)


def _mostly_utf8(data: bytes, first_bad: int, *, wreck: bool) -> bool:
    """True when the bytes around the first invalid one (``first_bad``) are convincing UTF-8:
    at least half of their non-ASCII bytes form convincing multi-byte characters; or (with
    ``wreck``) when their one run of invalid bytes looks like a multi-byte character with one
    byte overwritten.

    Convincing: a sequence of 3 or 4 bytes (Chinese, typographic punctuation, emoji), or of 2
    bytes for a Latin letter right after an ASCII letter (the é of "café"). GBK and Big5 text
    read as UTF-8 holds valid sequences by accident (mostly 2-byte Greek, Cyrillic, Hebrew
    letters between invalid bytes), but they cover far less than half of it.
    """
    window = data[max(0, first_bad - _WINDOW):first_bad + _WINDOW]
    convincing = invalid = runs = 0
    end = -1
    for match in _UTF8_MULTI.finditer(window):
        seq = match.group(1)
        if seq is None:
            invalid += 1
            runs += match.start() != end
        elif len(seq) > 2 or (seq[0] in _LATIN_LEADS and match.start() > 0
                              and bytes(window[match.start() - 1:match.start()]).isalpha()):
            convincing += len(seq)
        else:
            invalid += len(seq)  # an accidental-looking 2-byte character
        end = match.end()
    if convincing and convincing >= invalid:
        return True
    return wreck and runs == 1 and _UTF8_WRECK.search(window) is not None


def not_a_character(text: str) -> str | None:
    """Why ``text`` cannot be stored (a NUL, or a lone surrogate such as JSON's "\\ud800"
    escape, which UTF-8 cannot encode), with its position; None when it can."""
    match = _NOT_A_CHARACTER_RE.search(text)
    if match is None:
        return None
    if match.group() == "\x00":
        return f"a NUL character at {match.start()}"
    return f"a lone surrogate U+{ord(match.group()):04X} at {match.start()} (not a character)"


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``; change nothing else.

    Not ``str.splitlines``: it also splits on U+2028, U+2029, U+0085, form feed and more,
    which would change the text and shift every later offset.
    """
    return _NEWLINES_RE.sub("\n", text)


def canonical_text(data: bytes, name: str = "") -> tuple[str, str]:
    """Decode and normalize newlines: the text an article keeps forever, and its encoding."""
    text, encoding = decode_bytes(data, name)
    return normalize_newlines(text), encoding


def sha256_text(text: str) -> str:
    """Hex sha256 of the UTF-8 encoding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def guess_language(text: str, sample: int = 1000) -> str:
    """Return "zh", "en" or "" from the letters in the first ``sample`` characters.

    A sample is enough (a news article does not change script after its first paragraph) and
    keeps the guess cheap: it runs for every imported file (~0.02 ms each).

    "zh" when Han characters are at least a fifth of the letters (one Han character carries about
    as much as a Latin word) and outnumber other scripts (kana, Hangul...); "en" when Latin letters
    are at least half; "" otherwise or when there are no letters.
    """
    head = text[:sample]
    han = _run_length(_HAN_RUN_RE, head)
    if han * 2 >= len(head) > 0:  # Han is most of the sample: more than any other script and
        return "zh"  # at least a fifth of the letters (the rules below would say so too)
    latin = _run_length(_LATIN_RUN_RE, head)
    other = max(0, _run_length(_LETTER_RUN_RE, head) - han - latin)
    letters = han + latin + other
    if letters == 0:
        return ""
    if han * 5 >= letters and han >= other:
        return "zh"
    if latin * 2 >= letters:
        return "en"
    return ""


def _run_length(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the runs matched by ``pattern`` cover."""
    return sum(map(len, pattern.findall(text)))


def _refuse_nul(text: str, label: str) -> str:
    """Return ``text`` unless it contains U+0000, which no article text may hold."""
    pos = text.find("\x00")
    if pos >= 0:
        raise TextDecodeError(
            f"{label}: contains a NUL character at position {pos}; is it a binary file?"
        )
    return text


def _decode_with_nul(data: bytes, label: str) -> tuple[str, str]:
    """NUL bytes are only acceptable in UTF-16 without a byte order mark."""
    match = _charset_normalizer_guess(data)
    if match in ALLOWED_DETECTED and match.startswith("utf-16"):
        try:
            text = data.decode(match)
        except UnicodeDecodeError:
            pass
        else:
            if "\x00" not in text and _plausible_utf16(text):
                return text, match
    offset = data.index(b"\x00")
    raise TextDecodeError(
        f"{label}: contains NUL bytes at byte offset {offset}; is it a binary file?"
    )


def _plausible_utf16(text: str) -> bool:
    """A BOM-less UTF-16/32 reading is believed only when it reads as text: no control
    characters, and either mostly ASCII (the NUL bytes were high bytes of ASCII characters) or
    common Chinese. A UTF-8 file with one stray NUL otherwise "decodes" to rare ideographs."""
    if _CONTROL_RE.search(text):
        return False
    ascii_share = sum(1 for ch in text if ch.isascii()) / max(len(text), 1)
    return ascii_share >= 0.5 or _common_chinese_share(text[:_SCORE_SAMPLE]) >= _CHINESE_MIN_SCORE


def _detect(data: bytes, label: str, first_bad: int) -> tuple[str, str]:
    """Bytes that are not UTF-8 (``first_bad`` is the first invalid byte): refused when they
    are mostly UTF-8 or Korean, else the first of GB18030/Big5, Windows-1252 and
    charset-normalizer's GB18030/Big5 that reads them. Each reader returns a strict decode or
    None; a reading with control characters (other than tab, newlines, form feed) is not text.
    Chinese goes first: GBK often holds byte pairs that are valid UTF-8 by accident.
    """
    if _korean_reading(data) is not None:
        raise TextDecodeError(f"{label}: looks like Korean (EUC-KR), which is not imported; "
                              "save the file as UTF-8")
    if _mostly_utf8(data, first_bad, wreck=False):
        raise BrokenUtf8(label, data, first_bad)
    for reader in (_chinese_reading, None, _cp1252_reading, _normalizer_reading):
        if reader is None:
            if _mostly_utf8(data, first_bad, wreck=True):
                raise BrokenUtf8(label, data, first_bad)
            continue
        found = reader(data)
        if found is not None and not _CONTROL_RE.search(found[0]):
            return found
    raise TextDecodeError(f"{label}: not a text file in a supported encoding ({_SUPPORTED}); "
                          "save it as UTF-8")


def _cp1252_reading(data: bytes) -> tuple[str, str] | None:
    """Windows-1252 when it reads as letters and typographic punctuation only."""
    return (data.decode("cp1252"), "cp1252") if _plausible_cp1252(data) else None


def _normalizer_reading(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess when it is GB18030 or Big5 (Chinese that did not read as
    common enough for ``_chinese_reading``); any other answer is ignored. UTF-16 without a
    byte order mark and without NUL bytes (no ASCII at all) is far more likely to be random
    bytes: charset-normalizer takes 8-16 random bytes for UTF-16."""
    encoding = _charset_normalizer_guess(data)
    if encoding not in _CHINESE_CODECS:
        return None
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's best guess as a Python codec name (GB family -> gb18030)."""
    import charset_normalizer  # lazy: only legacy or odd files need it

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    try:
        name = codecs.lookup(best.encoding).name
    except LookupError:
        return None
    return "gb18030" if name in _GB_FAMILY else name


def _chinese_reading(data: bytes) -> tuple[str, str] | None:
    """Strict GB18030 / Big5 decodes; the best one if nearly all of it is common Chinese.

    The two codecs overlap: every Big5 byte pair is also a valid GBK pair, so a strict decode
    alone proves nothing. Text decoded with the wrong one is full of rare characters, kana,
    Greek, box drawing and private-use characters, so the share of *common* characters (GB2312
    level 1, Big5 level 1, punctuation) tells them apart. On a tie GB18030 wins.
    """
    best: tuple[float, str, str] | None = None
    for encoding in _CHINESE_CODECS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _common_chinese_share(text[:_SCORE_SAMPLE])
        if score >= _CHINESE_MIN_SCORE and (best is None or score > best[0]):
            best = (score, text, encoding)
    return None if best is None else (best[1], best[2])


def _plausible_cp1252(data: bytes) -> bool:
    """True when Windows-1252 reads ``data`` as Western text: letters and typographic
    punctuation only, at least two thirds of the letters plain ASCII (accents are a few per
    word at most). Russian in Windows-1251 or Greek in Windows-1253 would read as accented
    Latin letters only ("Экономика" -> "Ýêîíîìèêà"): refused, not garbled.

    charset-normalizer 3.5.3 calls short Western text cp1250 or cp437 ("It’s" -> "ItΓÇÖs");
    this project's Latin text is English, whose legacy encoding is Windows-1252.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    if not all(ch.isascii() or ch.isalpha() or ch in _CP1252_EXTRA for ch in text):
        return False
    accented = sum(1 for ch in text if not ch.isascii() and ch.isalpha())
    plain = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return accented * 2 <= plain


def _korean_reading(data: bytes) -> tuple[str, str] | None:
    """CP949 (EUC-KR) when the text is Hangul syllables with spaces between words.

    EUC-KR Hangul occupies the byte range of GB2312's common characters, so Korean would
    otherwise read as fluent-looking Chinese. Chinese text has no spaces between characters.
    """
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return None
    judged = [ch for ch in text[:_SCORE_SAMPLE] if ord(ch) > 0x7F and not ch.isspace()]
    hangul = sum(1 for ch in judged if "\uac00" <= ch <= "\ud7a3")
    if not judged or hangul < 0.9 * len(judged) or not _HANGUL_WORDS_RE.search(text):
        return None
    return text, "cp949"


def _common_chinese_share(text: str) -> float:
    """Share of common Chinese characters or punctuation among non-ASCII and control characters.

    Astral characters are left out: GB18030 encodes them in four bytes that Big5 bytes can never
    form, and they are rare characters, so they neither help nor hurt.
    """
    judged = good = 0
    for ch in text:
        code = ord(ch)
        if code > 0xFFFF or ch in "\t\n\r\f" or 0x20 <= code < 0x7F:
            continue
        judged += 1
        if _is_common_chinese(ch) or _PUNCTUATION_RE.match(ch):
            good += 1
    return good / judged if judged else 0.0


def _is_common_chinese(ch: str) -> bool:
    """True for GB2312 level-1 (B0A1-D7F9) or Big5 level-1 (A440-C67E) characters."""
    for encoding, low, high in (("gb2312", 0xB0A1, 0xD7F9), ("big5", 0xA440, 0xC67E)):
        try:
            raw = ch.encode(encoding)
        except UnicodeEncodeError:
            continue
        if len(raw) == 2 and low <= int.from_bytes(raw, "big") <= high:
            return True
    return False
