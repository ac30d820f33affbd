"""Which words of the published stories' vocabulary lists still lack a Korean gloss."""

from django.db.models import Prefetch

from articles.models import Article

from .models import StoryTerm
from .vocabulary import story_vocabulary


def missing_glosses(articles=None):
    """{term: [story URL, ...]} for every listed word without a Korean gloss, over published stories."""
    if articles is None:
        articles = Article.objects.published().prefetch_related(
            Prefetch("dictionary_terms", queryset=StoryTerm.objects.order_by("position", "pk"))
        )
    missing = {}
    for article in articles.iterator(chunk_size=200) if hasattr(articles, "iterator") else articles:
        for item in story_vocabulary(article, list(article.dictionary_terms.all())):
            if not item.korean:
                missing.setdefault(item.term, []).append(article.get_absolute_url())
    return missing
