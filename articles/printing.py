"""The print view's body: links become numbered endnotes, since paper cannot be clicked."""

from html.parser import HTMLParser
from urllib.parse import urljoin

from django.utils.html import escape
from django.utils.safestring import mark_safe


class _Endnoter(HTMLParser):
    def __init__(self, base_url):
        super().__init__(convert_charrefs=False)
        self.base_url = base_url
        self.out = []
        self.notes = []  # [url, ...]; a URL linked twice keeps its first number
        self.pending = []  # note numbers of the open <a> elements

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag == "a":
            href = dict(attrs).get("href") or ""
            number = None
            if href and not href.startswith("#"):
                url = href[len("mailto:") :] if href.startswith("mailto:") else urljoin(self.base_url, href)
                if url not in self.notes:
                    self.notes.append(url)
                number = self.notes.index(url) + 1
            self.pending.append(number)

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag == "a" and self.pending:
            number = self.pending.pop()
            if number:
                self.out.append(f'<sup class="endnote-ref"><a href="#endnote-{number}">{number}</a></sup>')

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def with_endnotes(body_html, base_url):
    """(body with a note number after each link, [(number, url), ...]) for a sanitized story body."""
    parser = _Endnoter(base_url)
    parser.feed(body_html)
    parser.close()
    notes = [(n, escape(url)) for n, url in enumerate(parser.notes, start=1)]
    return mark_safe("".join(parser.out)), notes
