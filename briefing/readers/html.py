"""Saved web pages (`.html`, `.htm`): the article's main text, title, date and outlet.

Extraction is trafilatura's (maintained, and good at dropping navigation, cookie banners and
footers); its text puts one paragraph on a line, which is what segmentation expects.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from briefing.loader import ArticleInput, Unreadable, decode

MIN_WORDS = 8  # less is a menu or a stub page (the greedy pass keeps "Home"), not an article
_quiet = False


def _silence() -> None:
    """trafilatura and htmldate log every odd page at WARNING; our own messages say it once."""
    global _quiet
    if not _quiet:
        for name in ("trafilatura", "htmldate", "courlan", "justext"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        _quiet = True


# Numeric character references to C0 controls or noncharacters (`&#27;`, `&#x1b;`, `&#xFFFE;`):
# invalid in HTML, and lxml drops the whole document on meeting one, losing the article.
_BAD_REF = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})(?![0-9a-fA-F])|0*([0-9]{1,7})(?![0-9]));?")


def _ref(m: re.Match[str]) -> str:
    code = int(m.group(1), 16) if m.group(1) is not None else int(m.group(2))
    if (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) or (code & 0xFFFE) == 0xFFFE:
        return "&#xFFFD;"  # what a browser shows for a bad reference
    return m.group()


def defuse_char_refs(page: str) -> str:
    """The page with references to control characters and noncharacters replaced by U+FFFD."""
    return _BAD_REF.sub(_ref, page) if "&#" in page else page


def extract(page: str, url: str | None = None) -> ArticleInput | None:
    """The article in an HTML page, or None if there is no main text in it."""
    import trafilatura

    _silence()
    page = defuse_char_refs(page)
    doc = None
    for recall in (False, True):  # precision first; a thin or broken page gets a second, greedier try
        try:
            doc = trafilatura.bare_extraction(
                page,
                url=url,
                with_metadata=True,
                include_comments=False,
                favor_recall=recall,
                # The page's own publication date or none: a date guessed from the text is often the
                # event's, and a wrong "published" misplaces every relative date ("on Friday").
                date_extraction_params={"original_date": True, "extensive_search": False},
            )
        except Exception:  # noqa: BLE001 - the extractor's failures on hostile markup are many and undocumented
            doc = None
        if doc is not None and (doc.text or "").strip():
            break
    if doc is None or len((doc.text or "").split()) < MIN_WORDS:
        return None
    text = "\n".join(line.strip() for line in doc.text.split("\n") if line.strip())
    meta = {}
    if doc.date:
        meta["published"] = str(doc.date)
    outlet = doc.sitename or doc.hostname
    if outlet:
        meta["outlet"] = str(outlet)
    if doc.url or url:
        meta["url"] = str(doc.url or url)
    return ArticleInput(text=text, title=(doc.title or None), meta=meta)


def read_html(path: Path, data: bytes) -> list[ArticleInput]:
    item = extract(decode(data))
    if item is None:
        raise Unreadable("no article text found in this page (empty, or only navigation); skipped")
    return [item]
