"""Reading a built PDF the way a person would: page texts, and which fonts it carries."""

import io
from typing import Any

from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(pdf).pages]


def fonts(pdf: bytes) -> dict[str, bool]:
    """Base font name → whether its glyphs are embedded in the file."""
    found: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources: Any = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


def first_page_with(texts: list[str], needle: str) -> int:
    """1-based number of the first page whose text contains ``needle``, or 0."""
    return next((n for n, text in enumerate(texts, start=1) if needle in text), 0)
