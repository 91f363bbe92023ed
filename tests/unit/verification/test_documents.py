"""What an identity document may be: JPEG, PNG or PDF decided from the bytes; at most 5 MB each; a residence card's
front and back or one or two files of another document; image metadata (EXIF, XMP, comments, text chunks) gone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.verification.documents import (
    MAX_DOCUMENT_BYTES,
    DocumentCountError,
    DocumentKind,
    DocumentNotAcceptedError,
    DocumentTooLargeError,
    DocumentType,
    accept,
    accept_all,
)
from tests.support.documents import ELF, EXECUTABLE, EXIF, jpeg, pdf, png


def test_the_kind_comes_from_the_bytes() -> None:
    assert accept(jpeg()).kind is DocumentKind.JPEG
    assert accept(png()).kind is DocumentKind.PNG
    assert accept(pdf()).kind is DocumentKind.PDF


@pytest.mark.parametrize("data", [EXECUTABLE, ELF, b"", b"GIF89a" + bytes(20), b"<svg xmlns='...'/>"])
def test_anything_else_is_refused(data: bytes) -> None:
    with pytest.raises(DocumentNotAcceptedError):
        accept(data)


@given(st.binary(max_size=256).filter(lambda b: not b.startswith((b"\xff\xd8\xff", b"\x89PNG", b"%PDF-"))))
def test_bytes_without_a_known_signature_are_never_accepted(data: bytes) -> None:
    with pytest.raises(DocumentNotAcceptedError):
        accept(data)


def test_jpeg_metadata_is_stripped_and_the_image_kept() -> None:
    original = jpeg()
    cleaned = accept(original).content
    assert EXIF not in cleaned
    assert b"taken at home" not in cleaned
    assert b"JFIF" in cleaned
    assert cleaned.endswith(b"\x12\x34\x56\x78\xff\xd9")
    assert cleaned == jpeg(exif=False, comment=False)


def test_png_metadata_is_stripped_and_the_image_kept() -> None:
    cleaned = accept(png()).content
    assert cleaned == png(metadata=False)
    assert b"Aoi Kato" not in cleaned


@pytest.mark.parametrize("cut", [3, 10, 30, 60])
def test_a_truncated_image_is_refused(cut: int) -> None:
    with pytest.raises(DocumentNotAcceptedError):
        accept(jpeg()[:cut])
    with pytest.raises(DocumentNotAcceptedError):
        accept(png()[: cut + 8])


def test_a_pdf_without_its_end_is_refused() -> None:
    with pytest.raises(DocumentNotAcceptedError):
        accept(pdf().replace(b"%%EOF", b""))


def test_a_file_over_five_megabytes_is_refused_before_it_is_looked_at() -> None:
    accept(pdf() + b" " * (MAX_DOCUMENT_BYTES - len(pdf()) - 10) + b"\n%%EOF\n")
    with pytest.raises(DocumentTooLargeError):
        accept(pdf() + b" " * MAX_DOCUMENT_BYTES)


def test_a_residence_card_needs_front_and_back_another_document_one_or_two_files() -> None:
    with pytest.raises(DocumentCountError):
        accept_all(DocumentType.RESIDENCE_CARD, [jpeg()])
    assert len(accept_all(DocumentType.RESIDENCE_CARD, [jpeg(), png()])) == 2
    assert len(accept_all(DocumentType.OTHER, [pdf()])) == 1
    for files in ([], [pdf()] * 3):
        with pytest.raises(DocumentCountError):
            accept_all(DocumentType.OTHER, files)
