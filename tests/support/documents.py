"""Small but well-formed document files for the verification tests: a JPEG with EXIF and a comment, a PNG with text
and EXIF chunks, a PDF, and things that are none of those."""

from __future__ import annotations

import struct
import zlib

EXIF = b"Exif\x00\x00MM\x00*GPS 35.6586N 139.7454E Canon EOS"


def jpeg(*, exif: bool = True, comment: bool = True) -> bytes:
    def segment(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload

    parts = [b"\xff\xd8", segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")]
    if exif:
        parts.append(segment(0xE1, EXIF))
    if comment:
        parts.append(segment(0xFE, b"taken at home, 2026-12-01"))
    parts += [segment(0xDB, bytes(65)), segment(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00")]
    parts += [segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"), b"\x12\x34\x56\x78", b"\xff\xd9"]
    return b"".join(parts)


def png(*, metadata: bool = True) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    parts = [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))]
    if metadata:
        parts += [chunk(b"tEXt", b"Author\x00Aoi Kato"), chunk(b"eXIf", EXIF)]
    parts += [chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")), chunk(b"IEND", b"")]
    return b"".join(parts)


def pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120)  # a Windows executable's header
ELF = b"\x7fELF\x02\x01\x01" + bytes(64)
