import ast
import importlib
from pathlib import Path

import pytest

from articles.models import Article, Byline, Photo
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_the_document_follows_every_change(politics):
    """Bylines, photo captions, a person renamed and the text itself: each write updates the document."""
    story = ArticleFactory(headline="Plain headline", section=politics)

    def found(words):
        return (
            Article.objects.filter(pk=story.pk)
            .extra(where=["search_vector @@ websearch_to_tsquery('english', %s)"], params=[words])
            .exists()
        )

    person = PersonFactory(name="Quokka Writer")
    Byline.objects.create(article=story, person=person)
    assert found("quokka")
    person.name = "Wombat Writer"
    person.save()
    assert found("wombat") and not found("quokka")
    photo = Photo.objects.create(article=story, caption="A capybara at the zoo")
    assert found("capybara")
    photo.delete()
    assert not found("capybara")
    Byline.objects.filter(article=story).delete()
    assert not found("wombat")
    Article.objects.filter(pk=story.pk).update(body="<p>Narwhal sighting &amp; more</p>")
    assert found("narwhal") and not found("amp")
    story.refresh_from_db()
    story.status = Article.Status.DRAFT
    story.save()  # a save that does not touch the text keeps the document
    assert found("narwhal")


@pytest.mark.parametrize("name", ["0004_search_document_and_topics", "0005_search_statistics"])
def test_search_migrations_import_no_live_code(name):
    """The SQL a migration runs is frozen in it: a change to search cannot silently change history."""
    module = importlib.import_module(f"articles.migrations.{name}")
    imported = {
        alias.name if isinstance(node, ast.Import) else node.module
        for node in ast.walk(ast.parse(Path(module.__file__).read_text()))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {name for name in imported if name and name.startswith("articles")}
    assert "CREATE TRIGGER" in getattr(module, "CREATE", "") or "SET STATISTICS" in module.STATISTICS
