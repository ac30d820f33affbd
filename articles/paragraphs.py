"""A story body's paragraphs: counted to check that a translation is aligned, paired to show it.

A paragraph is one top-level block of a sanitized body (a <p>, heading, list or quotation), or a
run of loose text and inline tags between blocks. The print and dictionary views add markup inside
the blocks (endnote numbers, lookups), never around them, so their bodies split the same way.
"""

from html.parser import HTMLParser

from django.utils.safestring import mark_safe

BLOCKS = {"p", "h2", "h3", "blockquote", "ul", "ol"}
VOID = {"br", "img", "hr", "wbr"}


class _Splitter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks = []
        self.current = []
        self.depth = 0  # open elements inside the current block
        self.in_block = False

    def _close_loose(self):
        if not self.in_block and "".join(self.current).strip():
            self.blocks.append("".join(self.current).strip())
        if not self.in_block:
            self.current = []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag in BLOCKS:
            self._close_loose()
            self.in_block = True
        self.current.append(self.get_starttag_text())
        if self.in_block and tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.current.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.current.append(f"</{tag}>")
        if self.in_block:
            self.depth -= 1
            if self.depth == 0:
                self.blocks.append("".join(self.current))
                self.current, self.in_block = [], False

    def handle_data(self, data):
        self.current.append(data)

    def handle_entityref(self, name):
        self.current.append(f"&{name};")

    def handle_charref(self, name):
        self.current.append(f"&#{name};")

    def close(self):
        super().close()
        if "".join(self.current).strip():
            self.blocks.append("".join(self.current).strip())
        self.current = []


def split(html):
    """The paragraphs of a body's HTML, each as HTML."""
    parser = _Splitter()
    parser.feed(html or "")
    parser.close()
    return parser.blocks


def count(html):
    """How many paragraphs a body has."""
    return len(split(html))


def pairs(english, korean, aligned=True):
    """(English, Korean) paragraphs side by side, as safe HTML; both texts whole as one pair when
    the Korean is not aligned (or the counts differ: a story saved before the rule, or by SQL)."""
    english_blocks, korean_blocks = split(english), split(korean)
    if not aligned or len(english_blocks) != len(korean_blocks):
        return [(mark_safe("".join(english_blocks)), mark_safe("".join(korean_blocks)))]
    return [(mark_safe(en), mark_safe(ko)) for en, ko in zip(english_blocks, korean_blocks, strict=True)]
