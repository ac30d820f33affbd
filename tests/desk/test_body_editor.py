"""The rich-text body: an editor served from this site, offering only what the sanitizer keeps."""

import re

import pytest
from django_prose_editor.config import allowlist_from_extensions

from articles.desk.forms import body_editor_config
from articles.sanitize import ALLOWED_TAGS
from tests.factories import ArticleFactory

from .conftest import change_url, form_data

pytestmark = pytest.mark.django_db


def test_the_editor_offers_no_tag_the_sanitizer_would_strip():
    """One list: the editor's buttons are derived from ALLOWED_TAGS."""
    editor_tags = allowlist_from_extensions(body_editor_config()["extensions"])["tags"]
    assert editor_tags <= ALLOWED_TAGS
    assert {"p", "a", "strong", "em", "h2", "h3", "ul", "ol", "li", "blockquote"} <= editor_tags


def test_removing_a_tag_from_the_list_removes_its_button():
    extensions = body_editor_config(ALLOWED_TAGS - {"blockquote", "h3"})["extensions"]
    assert "Blockquote" not in extensions
    assert extensions["Heading"] == {"levels": [2]}


def test_the_change_form_loads_the_editor_from_this_site_with_the_csp_nonce(editor_client):
    story = ArticleFactory()
    response = editor_client.get(change_url(story))
    html = response.content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "/static/django_prose_editor/" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert re.search(rf'<script type="importmap"[^>]*nonce="{re.escape(nonce)}"', html)


def test_the_body_is_sanitized_on_save(editor_client):
    story = ArticleFactory()
    dirty = (
        '<h1>Big</h1><p onclick="steal()">Kept <strong>bold</strong> <a href="javascript:alert(1)">link</a></p>'
        "<script>alert(1)</script><p><img src=x onerror=alert(1)>After</p>"
    )
    assert editor_client.post(change_url(story), form_data(story, body=dirty)).status_code == 302
    story.refresh_from_db()
    assert "<script" not in story.body and "onclick" not in story.body and "javascript:" not in story.body
    assert "<img" not in story.body and "<h1>" not in story.body
    assert "<strong>bold</strong>" in story.body and "After" in story.body


def test_only_the_story_form_relaxes_the_csp_and_only_for_an_empty_style(client, editor_client):
    """The editor's page allows one inline <style>: the empty one (its hash); public pages allow none."""
    story = ArticleFactory()
    form_policy = editor_client.get(change_url(story))["Content-Security-Policy"]
    assert "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='" in form_policy
    assert "unsafe-inline" not in form_policy
    assert "sha256" not in client.get(story.get_absolute_url())["Content-Security-Policy"]
