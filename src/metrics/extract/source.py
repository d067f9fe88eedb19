"""Reading an article as it arrives: UTF-8 (with or without BOM), GB18030/GBK, UTF-16 or .docx.

The district office saves the review from Word or WPS, or receives it as GBK text. The encoding
is detected in a fixed order (BOMs, .docx, strict UTF-8, GB18030, then charset-normalizer), and
the one found is reported, so a steward can tell mojibake from a misread file at once.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..data.reading import max_bytes

UTF8 = "UTF-8"
DOCX = "DOCX"
BOMS = [
    (b"\xef\xbb\xbf", "UTF-8-SIG", "UTF-8 (BOM)"),
    (b"\xff\xfe", "UTF-16", "UTF-16LE"),
    (b"\xfe\xff", "UTF-16", "UTF-16BE"),
]
# Word expands document.xml far beyond the .docx; this bounds a zip bomb, not a real review.
MAX_DOCX_XML = 50 * 2**20
FOREIGN = {
    b"\xd0\xcf\x11\xe0": "an old Word .doc (or other Office) file; save it as .docx · "
    "这是旧版 Word .doc 文件，请另存为 .docx",
    b"%PDF": "a PDF; save the article as .docx or text · 这是 PDF 文件，请另存为 .docx 或文本",
}


class SourceError(ValueError):
    """The file cannot be read as an article; the message says why, in Chinese and English."""


@dataclass(frozen=True)
class Article:
    name: str
    original: bytes  # the file as received
    text: str
    encoding: str  # UTF-8, UTF-8 (BOM), UTF-16LE, UTF-16BE, GB18030, DOCX, or a detected name

    @property
    def is_utf8(self) -> bool:
        """True when the file as received is already the UTF-8 text (no BOM)."""
        return self.encoding == UTF8

    def describe(self) -> str:
        if self.encoding == DOCX:
            return "读取为 Word 文档 (.docx) / read as a Word document (.docx)"
        return f"读取为 {self.encoding} 编码 / read as {self.encoding}"


def read_article(path: Path) -> Article:
    path = Path(path)
    if path.stat().st_size > max_bytes():
        raise SourceError(
            f"{path.name}: the file is larger than {max_bytes() / 2**20:g} MB · 文件过大"
        )
    data = path.read_bytes()
    text, encoding = decode_article(data, path.name)
    return Article(path.name, data, text, encoding)


def decode_article(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding found), or SourceError with a plain message."""
    if not data.strip():
        raise SourceError(f"{name}: the file is empty · 文件为空")
    for magic, reason in FOREIGN.items():
        if data.startswith(magic):
            raise SourceError(f"{name}: {reason}")
    if data.startswith(b"PK\x03\x04"):
        return docx_text(data, name), DOCX
    for attempt in (_with_bom, _strict("utf-8", UTF8), _strict("gb18030", "GB18030"), _guessed):
        found = attempt(data)
        if found and _plain_text(found[0]):
            return found
    raise SourceError(
        f"{name}: not a text or Word file, or in an unknown encoding; save the article as "
        "UTF-8 text or .docx · 无法识别：不是文本或 Word 文件，或编码未知；"
        "请另存为 UTF-8 文本或 .docx"
    )


def _with_bom(data: bytes) -> tuple[str, str] | None:
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError:
                return None
    return None


def _strict(codec: str, label: str) -> Callable[[bytes], tuple[str, str] | None]:
    def attempt(data: bytes) -> tuple[str, str] | None:
        try:
            return data.decode(codec), label
        except UnicodeDecodeError:
            return None

    return attempt


def _guessed(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return (str(best), best.encoding.upper().replace("_", "-")) if best else None


def _plain_text(text: str) -> bool:
    """Binary decoded by a permissive codec is full of control characters; text has none."""
    controls = sum(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text)
    return controls == 0


def docx_text(data: bytes, name: str) -> str:
    """The document's paragraphs in order, one per line (tables and text boxes are not read)."""
    from docx import Document

    not_word = f"{name}: a zip file that is not a Word document (.docx) · 不是 Word 文档 (.docx)"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.getinfo("word/document.xml")
    except (KeyError, zipfile.BadZipFile):
        raise SourceError(not_word) from None
    if body.file_size > MAX_DOCX_XML:
        raise SourceError(f"{name}: the Word document is too large · Word 文档过大")
    try:
        document = Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx and lxml raise many kinds; all mean "not Word"
        raise SourceError(not_word) from None
    return "\n".join(paragraph.text for paragraph in document.paragraphs)
