"""The old site's article addresses, such as /news/article/article.aspx?aid=2994120.

A known legacy id (from the imported page, or set by an editor) redirects permanently to the
story's address; anything else is a 404. Only public stories are found.
"""

import re

from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from .models import Article

LEGACY_ID = re.compile(r"[0-9]{1,20}")
ID_PARAMETERS = {"aid", "id", "articleid"}


@require_safe
def legacy_article(request):
    ids = [value for key, value in request.GET.items() if key.lower() in ID_PARAMETERS]
    legacy_id = ids[0].strip() if ids else ""
    if not LEGACY_ID.fullmatch(legacy_id):
        raise Http404("Not an article address of the old site.")
    article = Article.objects.published().filter(legacy_id=legacy_id).only("pub_date", "slug").first()
    if article is None:
        raise Http404("That story is not in the archive.")
    return redirect(article.get_absolute_url(), permanent=True)
