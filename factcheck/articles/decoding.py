"""Uploaded bytes to text: byte-order marks first, then binary files refused, then UTF-8 (the
fast path), an HTML page's declared charset, and finally a detected single-byte encoding. The
text keeps no character XML cannot carry (web.inputs.clean_text)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import ValidationError
from ..web.inputs import clean_text

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", None),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Single-byte code pages for Latin-script text. On a short article the detector cannot tell
# them apart (a Windows-1252 file is often "detected" as Central European Windows-1250, which
# turns "è" into "č"), so Latin-script text is read as Western European, the common case.
_LATIN_PAGES = frozenset(
    codecs.lookup(name).name
    for name in """cp1250 cp1252 cp1254 cp1257 latin_1 iso8859_2 iso8859_3 iso8859_4 iso8859_9
    iso8859_10 iso8859_13 iso8859_14 iso8859_15 iso8859_16 mac_latin2 mac_roman mac_iceland
    mac_turkish
    cp437 cp775 cp850 cp852 cp858 cp860 cp861 cp863 cp865""".split()
)
_C1 = re.compile(rb"[\x80-\x9f]")
_C0_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_BREAK_BYTES = re.compile(rb"[\x0b\x0c]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str | None  # the encoding's display name when it was not UTF-8


def decode_bytes(data: bytes, filename: str, html: bool = False) -> Decoded:
    """The text of an uploaded file; raises ValidationError for a binary file or one whose
    encoding cannot be told."""
    decoded = _decode(data, filename, html)
    return Decoded(clean_text(decoded.text), decoded.encoding)


def _decode(data: bytes, filename: str, html: bool) -> Decoded:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), label)
            except UnicodeDecodeError:
                raise _not_text(filename) from None
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise ValidationError(
            f"{filename} looks like a binary file (an image, a PDF or a word-processor "
            "document?), not text. Upload the article as .txt or .html, or paste its text."
        )
    try:
        return Decoded(data.decode("utf-8"), None)
    except UnicodeDecodeError:
        pass
    # Control bytes mean the same in every legacy encoding (no multi-byte one uses them inside
    # a character) but make the detector give up, so they go before it looks.
    data = _C0_BYTES.sub(b"", _BREAK_BYTES.sub(b"\n", data))
    found = (_declared(data) if html else None) or _detected(data)
    if found is None:
        raise _not_text(filename)
    return found


def _not_text(filename: str) -> ValidationError:
    return ValidationError(
        f"{filename} is not UTF-8 text and its encoding could not be told. Save it as UTF-8 "
        "and upload it again, or paste the text instead."
    )


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def _declared(data: bytes) -> Decoded | None:
    """The page in the charset its <meta> tag names, if that charset decodes it."""
    m = _DECLARED.search(data[:4096])
    if m is None:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name == "iso8859-1" and _C1.search(data):
        name = "cp1252"  # as browsers do: "Latin-1" pages with curly quotes are Windows-1252
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    return Decoded(text, "Windows-1252" if name == "cp1252" else display_name(name, data))


def _detected(data: bytes) -> Decoded | None:
    """The detector's best guess, with Latin-script text read as Windows-1252 (see above)."""
    best = from_bytes(data).best()
    if best is None:
        return None
    codec = codecs.lookup(best.encoding).name
    if codec in _LATIN_PAGES:
        try:
            return Decoded(data.decode("cp1252"), display_name("cp1252", data))
        except UnicodeDecodeError:
            pass
    return Decoded(str(best), display_name(codec, data))


def display_name(codec: str, data: bytes) -> str:
    """A Python codec's name as people know it: "Windows-1252", "ISO-8859-2". Windows-1252 and
    Latin-1 read bytes A0-FF alike; without any byte in 80-9F (curly quotes, dashes) the file
    is equally Latin-1, and is called that."""
    name = codecs.lookup(codec).name
    if name in ("cp1252", "iso8859-1"):
        return "Windows-1252" if _C1.search(data) else "Latin-1"
    if name.startswith("cp125"):
        return "Windows-" + name[2:]
    if name.startswith("iso8859"):
        return "ISO-8859-" + name.rsplit("-", 1)[-1]
    return name.replace("_", "-").upper()
