"""The Korean interface: every string readers see is marked and translated, and the language is chosen,
switched, remembered and never mixed up by the page cache.

The catalogues are locale/ko/LC_MESSAGES/django.po and djangojs.po. After marking new strings, update
them with (then translate what is new, and `make messages` compiles them):

    python manage.py makemessages -l ko -d django --add-location file --ignore .venv --ignore node_modules \
        --ignore staticfiles --ignore tests --ignore bench --ignore media
    python manage.py makemessages -l ko -d djangojs --add-location file --ignore .venv --ignore node_modules \
        --ignore staticfiles --ignore tests --ignore bench --ignore media
"""

import ast
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from tests.factories import ArticleFactory

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUES = BASE_DIR / "locale" / "ko" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
# What makemessages skips: tools, tests, and what is built or uploaded.
NOT_SOURCES = {".venv", "node_modules", "staticfiles", "tests", "bench", "media", "locale", ".git"}
# Template folders: the project's and each of its apps' (not those of installed packages).
TEMPLATE_DIRS = [BASE_DIR / "templates", *sorted(BASE_DIR.glob("*/templates"))]
# Machine-read templates: no reader sees their words.
MACHINE_READ = {"sitemaps/news.xml"}
# Attributes whose values a reader sees or hears; data-* ones are what the scripts show.
VISIBLE_ATTRIBUTES = {"alt", "title", "aria-label", "aria-description", "placeholder", "label"}
VISIBLE_DATA_SUFFIXES = ("label", "template", "too-long", "message", "text")
# Names that are the same in Korean (brands, feed and file formats), and the larger-text icon's letter.
UNTRANSLATED = {"X", "Facebook", "KakaoTalk", "JSON", "CSV", "RSS", "Atom", "A–Z", "A"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TRANSLATING_TAGS = {"translate", "trans"}
BLOCK_TAGS = {"blocktranslate", "blocktrans"}
LETTER = re.compile(r"[^\W\d_]")


def templates():
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and path.suffix in {".html", ".txt", ".xml"} and name not in MACHINE_READ:
                yield path


def is_class_block(contents):
    """{% block body_class %} and the like fill in a class attribute, not text."""
    words = contents.split()
    return len(words) > 1 and words[0] == "block" and words[1].endswith("_class")


def readers_view(source):
    """The template as a reader's browser gets it, with every tag and variable blanked out and every
    translated string replaced by a letterless mark: what letters remain were never marked."""
    parts, inside = [], None
    for token in Lexer(source).tokenize():
        newlines = "\n" * token.contents.count("\n")
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.strip() else ""
            if inside:
                inside = None if name == f"end{inside}" else inside
                parts.append(newlines)
            elif name in BLOCK_TAGS or name == "comment" or is_class_block(token.contents):
                inside = "block" if name == "block" else name
                parts.append("0" + newlines)
            else:
                parts.append(("0" if name in TRANSLATING_TAGS else "") + newlines)
        elif token.token_type == TokenType.VAR:
            parts.append("0" + newlines)
        elif token.token_type == TokenType.TEXT:
            parts.append(newlines if inside else token.contents)
        else:
            parts.append(newlines)
    return "".join(parts)


class UntranslatedText(HTMLParser):
    """Collects the text and visible attribute values that still hold letters, with their lines. Text in
    an element marked lang="en" (a story, a citation) is English on purpose, as are scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.open = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in VOID_ELEMENTS:
            # <html lang> is the interface's language, not a mark of English content.
            english = tag != "html" and attributes.get("lang") == "en"
            self.open.append((tag, tag in {"script", "style"} or english))
        for name, value in attrs:
            visible = name in VISIBLE_ATTRIBUTES or (name.startswith("data-") and name.endswith(VISIBLE_DATA_SUFFIXES))
            if tag == "input" and name == "value":
                visible = attributes.get("type") in {"submit", "button", "reset"}
            if visible and value:
                self.check(value)

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not any(english for _, english in self.open):
            self.check(data)

    def check(self, text):
        text = " ".join(text.split())
        if LETTER.search(text) and text not in UNTRANSLATED:
            self.found.append((self.getpos()[0], text))


def untranslated(path):
    parser = UntranslatedText()
    parser.feed(readers_view(path.read_text(encoding="utf-8")))
    parser.close()
    return parser.found


def read_entry(lines):
    entry, field = {"msgctxt": None, "msgid": "", "strings": [], "fuzzy": False}, None
    for line in lines:
        if line.startswith("#"):
            entry["fuzzy"] = entry["fuzzy"] or (line.startswith("#,") and "fuzzy" in line)
        elif line.startswith('"'):
            if field == "msgstr":
                entry["strings"][-1] += ast.literal_eval(line)
            else:
                entry[field] += ast.literal_eval(line)
        else:
            keyword, _, value = line.partition(" ")
            field = "msgstr" if keyword.startswith("msgstr") else keyword
            if field == "msgstr":
                entry["strings"].append(ast.literal_eval(value))
            else:
                entry[field] = ast.literal_eval(value)
    return entry


def read_catalogue(path):
    """The entries of a .po file: {(context, msgid): {"strings": [...], "fuzzy": bool}}, header left out."""
    # makemessages leaves no blank line after a djangojs header: a comment after a string starts an entry.
    text = re.sub(r'^("|msgstr)(.*)\n#', r"\1\2\n\n#", path.read_text(encoding="utf-8"), flags=re.M)
    entries = [read_entry(block.splitlines()) for block in re.split(r"\n\s*\n", text) if block.strip()]
    return {(entry["msgctxt"], entry["msgid"]): entry for entry in entries if entry["msgid"]}


@pytest.mark.parametrize("path", list(templates()), ids=lambda path: path.relative_to(BASE_DIR).as_posix())
def test_every_template_string_is_marked_for_translation(path):
    """No text, and no alt, title, aria-label or placeholder, reaches a reader unmarked."""
    found = untranslated(path)
    assert not found, "\n".join(f"{path.relative_to(BASE_DIR)}:{line}: {text!r}" for line, text in found)


def test_the_template_check_finds_unmarked_text():
    """Text and visible attributes outside {% translate %} are caught; marked and letterless text is not."""
    source = (
        '{% load i18n %}<p>{% translate "Fine" %} {{ story.headline }} · 2014</p>'
        '<img alt="A photo" src="x.jpg"><p>Plain words</p>'
        "{% blocktranslate %}Also {{ fine }}{% endblocktranslate %}<script>var text = 'code';</script>"
        '<html lang="en"><p lang="en">A story <b>in English</b></p><p>Chrome</p>'
        "{% block body_class %}story-page{% endblock %}"
        '<button value="x">{% translate "Send" %}</button><input type="submit" value="Go">'
    )
    parser = UntranslatedText()
    parser.feed(readers_view(source))
    assert [text for _, text in parser.found] == ["A photo", "Plain words", "Chrome", "Go"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_string_in_the_catalogue_has_korean(domain):
    """The Korean catalogue has no empty and no fuzzy translation, and msgfmt accepts it."""
    path = CATALOGUES / f"{domain}.po"
    entries = read_catalogue(path)
    assert entries
    empty = [msgid for (_, msgid), entry in entries.items() if not all(entry["strings"])]
    fuzzy = [msgid for (_, msgid), entry in entries.items() if entry["fuzzy"]]
    assert not empty, f"No Korean for: {empty}"
    assert not fuzzy, f"Fuzzy (to be checked): {fuzzy}"
    subprocess.run(["msgfmt", "--check", "--output-file", "/dev/null", str(path)], check=True)


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
@pytest.mark.parametrize("domain", DOMAINS)
def test_the_catalogue_is_up_to_date_with_the_sources(domain, tmp_path, monkeypatch):
    """makemessages over the sources finds exactly the strings the catalogue has (see the module's docstring)."""
    tree = tmp_path / "sources"
    tree.mkdir()
    for entry in BASE_DIR.iterdir():
        if entry.name not in NOT_SOURCES:
            (tree / entry.name).symlink_to(entry)
    monkeypatch.chdir(tree)
    with override_settings(LOCALE_PATHS=[tree / "locale"]):
        call_command("makemessages", locale=["ko"], domain=domain, symlinks=True, verbosity=0)
    made = set(read_catalogue(tree / "locale" / "ko" / "LC_MESSAGES" / f"{domain}.po"))
    kept = set(read_catalogue(CATALOGUES / f"{domain}.po"))
    assert not made - kept, f"Marked but not in the catalogue: {sorted(made - kept)}"
    assert not kept - made, f"In the catalogue but no longer marked: {sorted(kept - made)}"


def test_the_compiled_catalogue_is_in_use():
    """Django reads our Korean (`make messages` has compiled it) and its own for the admin."""
    with translation.override("ko"):
        assert translation.gettext("Your comment") == "댓글"
        assert translation.gettext("Log out") == "로그아웃"


@pytest.mark.django_db
def test_a_first_visit_follows_the_browsers_language():
    """Accept-Language ko gets the Korean interface, with <html lang="ko">; no preference gets English."""
    korean = Client(headers={"accept-language": "ko-KR,ko;q=0.9,en;q=0.5"}).get("/")
    english = Client().get("/")
    assert korean["Content-Language"] == "ko" and '<html lang="ko"' in korean.text
    assert english["Content-Language"] == "en" and '<html lang="en"' in english.text


@pytest.mark.django_db
def test_the_switch_sets_the_language_and_it_is_remembered():
    """The switch POSTs to /i18n/setlang/ without a CSRF token, returns to the page, and the cookie wins over
    Accept-Language afterwards."""
    client = Client(enforce_csrf_checks=True, headers={"accept-language": "ko"})
    response = client.post(reverse("set_language"), {"language": "en", "next": "/search/?q=seoul"})
    assert response.status_code == 302 and response["Location"] == "/search/?q=seoul"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/")["Content-Language"] == "en"
    client.post(reverse("set_language"), {"language": "ko", "next": "/"})
    assert client.get("/")["Content-Language"] == "ko"


@pytest.mark.django_db
def test_every_page_shows_the_switch_with_each_language_named_in_itself():
    """The masthead's switch names English and 한국어, each with its lang, and returns to the same page."""
    story = ArticleFactory()
    for url in ("/", story.get_absolute_url(), reverse("articles:search") + "?q=a"):
        page = Client(headers={"accept-language": "ko"}).get(url).text
        assert f'action="{reverse("set_language")}"' in page
        assert re.search(r'<(span|button)[^>]* lang="en"[^>]*>English<', page)
        assert re.search(r'<(span|button)[^>]* lang="ko"[^>]*>한국어<', page)
        assert f'name="next" value="{url.replace("&", "&amp;")}"' in page


@pytest.mark.django_db
def test_pages_vary_on_the_language_and_the_cookie_that_sets_it():
    """Vary names Accept-Language and Cookie, so no shared cache gives one reader's language to another."""
    response = Client().get("/")
    vary = {part.strip().lower() for part in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary


@pytest.mark.django_db
def test_dates_in_the_chrome_follow_the_language():
    """The masthead's date is written the Korean way in Korean (2014년 8월 28일)."""
    page = Client(headers={"accept-language": "ko"}).get("/").text
    assert re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일", page)


@pytest.mark.django_db
def test_the_story_stays_in_english_on_a_korean_page():
    """Only the chrome changes: the story's headline and body are English, marked lang="en"."""
    story = ArticleFactory(headline="Alibaba chief meets President Park", body="<p>Jack Ma met the president.</p>")
    page = Client(headers={"accept-language": "ko"}).get(story.get_absolute_url()).text
    assert '<html lang="ko"' in page
    assert re.search(r'<[^>]+lang="en"[^>]*>(.|\n)*Alibaba chief meets President Park', page)
    assert "Jack Ma met the president." in page


@pytest.mark.django_db
def test_the_scripts_strings_come_from_the_javascript_catalogue():
    """/jsi18n/ serves the popover's and the share buttons' strings in Korean, as a script file."""
    response = Client(headers={"accept-language": "ko"}).get(reverse("javascript-catalog"))
    assert response.status_code == 200 and "javascript" in response["Content-Type"]
    assert json.dumps("찾는 중…") in response.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.page_cache
def test_the_page_cache_never_serves_a_korean_page_to_an_english_reader():
    """A page kept for a Korean reader is not what an English reader (by header or by cookie) gets."""
    story = ArticleFactory()
    url = story.get_absolute_url()
    korean = Client(headers={"accept-language": "ko"}).get(url)
    assert korean["X-Page-Cache"] == "miss" and korean["Content-Language"] == "ko"
    english = Client(headers={"accept-language": "en"}).get(url)
    assert english["X-Page-Cache"] == "miss" and '<html lang="en"' in english.text
    chose_english = Client(headers={"accept-language": "ko"})
    chose_english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    by_cookie = chose_english.get(url)
    assert by_cookie["X-Page-Cache"] == "hit" and by_cookie.content == english.content
    again = Client(headers={"accept-language": "ko-KR,ko;q=0.9"}).get(url)
    assert again["X-Page-Cache"] == "hit" and again.content == korean.content
    assert {"accept-language", "cookie"} <= {part.strip().lower() for part in again["Vary"].split(",")}


@pytest.mark.django_db
def test_an_editor_who_chooses_korean_gets_the_desk_in_korean(staff_client):
    """The admin follows the language cookie: Django's Korean for its own words, ours for the desk's."""
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    index = staff_client.get(reverse("admin:index")).text
    assert '<html lang="ko"' in index and "로그아웃" in index
    ArticleFactory()
    stories = staff_client.get(reverse("admin:articles_article_changelist")).text
    assert "선택한 기사 발행(지금 또는 정해 둔 시각에)" in stories


def test_the_database_unavailable_page_is_in_the_readers_language(rf):
    """The 503 answers before the locale middleware runs, and still speaks the reader's language."""
    from newsroom.middleware import unavailable

    request = rf.get("/", headers={"cookie": f"{settings.LANGUAGE_COOKIE_NAME}=ko"})
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "ko"
    response = unavailable(request)
    body = response.content.decode()
    assert response.status_code == 503 and response["Content-Language"] == "ko"
    assert '<html lang="ko">' in body and "오류 503" in body and "Error 503" not in body
    assert {"accept-language", "cookie"} <= {part.strip().lower() for part in response["Vary"].split(",")}
    english = unavailable(rf.get("/"))
    assert english["Content-Language"] == "en" and "Error 503" in english.content.decode()
