"""Identity documents as the customer uploads them: what kind of file each is, decided from its bytes (never its
name or the browser's word), how large and how many, and the image metadata (camera, place, time) that must not
leave the portal. Structural checks walk the file's own framing (JPEG segments, PNG chunks); nothing is decoded, so
no decompression bomb is ever expanded here."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import DomainError

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_DOCUMENTS = 2  # a residence card's front and back


class DocumentKind(StrEnum):
    JPEG = "jpg"
    PNG = "png"
    PDF = "pdf"


class DocumentType(StrEnum):
    RESIDENCE_CARD = "residence_card"  # front and back
    OTHER = "other"  # a passport or another document: one or two files


class DocumentNotAcceptedError(DomainError):
    code = "DOCUMENT_TYPE_NOT_ACCEPTED"
    field = "files"


class DocumentTooLargeError(DomainError):
    code = "DOCUMENT_TOO_LARGE"
    field = "files"


class DocumentCountError(DomainError):
    code = "DOCUMENT_COUNT"
    field = "files"


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    kind: DocumentKind
    content: bytes  # metadata stripped (images)


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Ancillary chunks that carry text, EXIF or times; everything needed to show the image stays.
_PNG_METADATA = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def sniff(data: bytes) -> DocumentKind:
    if data.startswith(b"\xff\xd8\xff"):
        return DocumentKind.JPEG
    if data.startswith(_PNG_SIGNATURE):
        return DocumentKind.PNG
    if data.startswith(b"%PDF-"):
        return DocumentKind.PDF
    raise DocumentNotAcceptedError("Upload a photo (JPEG or PNG) or a PDF of the document.")


def accept(data: bytes) -> IdentityDocument:
    """One uploaded file, checked and cleaned, or a DomainError saying what is wrong with it."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentTooLargeError(f"Each file may be at most {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.")
    kind = sniff(data)
    if kind is DocumentKind.JPEG:
        return IdentityDocument(kind, _strip_jpeg(data))
    if kind is DocumentKind.PNG:
        return IdentityDocument(kind, _strip_png(data))
    if b"%%EOF" not in data[-1024:]:
        raise DocumentNotAcceptedError("This PDF is incomplete or damaged; upload it again.")
    return IdentityDocument(kind, data)


def accept_all(document_type: DocumentType, files: list[bytes]) -> list[IdentityDocument]:
    wanted = (2, 2) if document_type is DocumentType.RESIDENCE_CARD else (1, MAX_DOCUMENTS)
    if not wanted[0] <= len(files) <= wanted[1]:
        shape = "the front and the back" if document_type is DocumentType.RESIDENCE_CARD else "one or two files"
        raise DocumentCountError(f"Upload {shape} of the document.")
    return [accept(data) for data in files]


def _damaged(kind: str) -> DocumentNotAcceptedError:
    return DocumentNotAcceptedError(f"This {kind} is damaged or not really a {kind}; upload it again.")


def _strip_jpeg(data: bytes) -> bytes:
    """Drop APP1-APP15 (EXIF, XMP, ICC profiles with names, maker notes) and COM segments; keep APP0 (JFIF) and the
    image itself (everything from the start of scan on)."""
    out, at = bytearray(b"\xff\xd8"), 2
    while True:
        if at + 4 > len(data) or data[at] != 0xFF:
            raise _damaged("JPEG")
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:  # end of image before any scan
            raise _damaged("JPEG")
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if length < 2 or at + 2 + length > len(data):
            raise _damaged("JPEG")
        segment = data[at : at + 2 + length]
        if marker == 0xDA:  # start of scan: the compressed image and the rest of the file
            out += data[at:]
            return bytes(out)
        if not (0xE1 <= marker <= 0xEF or marker == 0xFE):
            out += segment
        at += 2 + length


def _strip_png(data: bytes) -> bytes:
    out, at, first = bytearray(_PNG_SIGNATURE), len(_PNG_SIGNATURE), True
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        end = at + 12 + length
        if end > len(data) or (first and kind != b"IHDR"):
            raise _damaged("PNG")
        first = False
        if kind not in _PNG_METADATA:
            out += data[at:end]
        if kind == b"IEND":
            return bytes(out)
        at = end
    raise _damaged("PNG")
