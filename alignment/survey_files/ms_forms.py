"""The survey as a Word document (.docx) for Microsoft Forms' Quick import, which reads Word and PDF files only (not
text or a sheet): each question a bold paragraph starting with its code ("REL1. IT and business …"), its choices on
the lines below, a blank line between questions; a question with no choices becomes a text question.

Forms' quick import makes choice and text questions, so each statement is its own choice question. Forms' answer
export (Excel) heads each question's column with its title, code first, and the dashboard reads the codes back with
no column mapping. The document is written with the standard library (a .docx is a zip of a few XML parts), so no
Word library is needed. In Forms: New Form > Quick import, choose the file, then check the questions it made.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from .content import INTRO, TITLE, Grid, sections

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>
"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
"""
DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>
"""


def paragraphs() -> list[tuple[str, str]]:
    """(style, text) per paragraph: 'title', 'intro', 'question', 'choice' or 'blank'."""
    found: list[tuple[str, str]] = [("title", TITLE), ("intro", INTRO), ("blank", "")]
    for section in sections():
        for question in section.questions:
            if isinstance(question, Grid):
                for row in question.rows:
                    found += [("question", row.label), *(("choice", c) for c in question.columns), ("blank", "")]
            else:
                found += [("question", question.label), *(("choice", c) for c in question.choices), ("blank", "")]
    return found


def _paragraph(style: str, text: str) -> str:
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    if style in ("title", "question"):
        size = '<w:sz w:val="32"/>' if style == "title" else ""
        run = f'<w:r><w:rPr><w:b/>{size}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    return f"<w:p>{run if text else ''}</w:p>"


def document_xml() -> str:
    body = "".join(_paragraph(style, text) for style, text in paragraphs())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>\n'
    )


def build() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as docx:
        for name, text in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
            ("word/document.xml", document_xml()),
        ):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # fixed, so the same survey is the same bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            docx.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
