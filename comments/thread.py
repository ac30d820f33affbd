"""What a story's comment box shows, in a fixed number of queries however long the thread is."""

from urllib.parse import urlencode

from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django.urls import reverse

from accounts.models import display_name_for
from newsroom import pagecache

from . import conf
from .forms import TOO_LONG, CommentForm
from .models import Comment
from .pagination import thread_page
from .posting import is_barred
from .text import count_characters, normalize

POLICY_SLUG = "standards"


def thread_url(article):
    return article.url_for("comments:thread")


def login_url(next_url):
    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"


def typed_length(form):
    """The length of the text a refused form sends back, as the counter will show it."""
    text = normalize(form.data.get("body", "")) if form.is_bound else ""
    # A huge refused body is shown by its code points rather than split into characters.
    return count_characters(text) if len(text) <= 100_000 else len(text)


def thread_context(request, article, *, form=None, before=None, after=None):
    """The comment box's context: a page of the thread, and the form or the reason it is closed.

    Queries: the page of comments, and their count where the thread is longer than its newest page
    (one or two); for a logged-in reader, whether they are barred and their own comments awaiting
    approval (two more); for anyone else, the social login apps the newsroom has configured (one, when
    they are not kept: accounts.adapter).
    """
    # The story's cached page goes stale with its thread (newsroom.pagecache); noted before the read.
    pagecache.depends_on(request, f"article:{article.pk}")
    visible = Comment.objects.visible().filter(article=article)
    page = thread_page(visible.for_display(), conf.page_size(), before=before, after=after)
    whole = page.is_first and page.next_cursor is None  # the newest page, and no older one: all of them
    context = {
        "article": article,
        "thread": page,
        "total": len(page.object_list) if whole else visible.count(),
        "thread_url": thread_url(article),
        "policy_url": reverse("pages:page", kwargs={"slug": POLICY_SLUG}),
        "max_length": conf.max_length(),
        "premoderation": conf.premoderation(),
        "own_pending": [],
        "barred": False,
        "form": None,
    }
    user = request.user
    if user.is_authenticated:
        context["barred"] = is_barred(user)
        context["own_pending"] = list(
            Comment.objects.filter(article=article, author=user, status=Comment.Status.PENDING).order_by("-id")
        )
        if not context["barred"]:
            context["form"] = form = form or CommentForm()
            context["user_display_name"] = display_name_for(user)
            context["typed_length"] = typed_length(form)
            context["too_long_message"] = TOO_LONG % {"length": "%(length)s", "limit": "%(limit)s"}
    else:
        next_url = article.get_absolute_url() + "#comments"
        context["login_url"] = login_url(next_url)
        context["social_providers"] = [
            (provider.name, provider.get_login_url(request, next=next_url, process="login"))
            for provider in get_social_adapter().list_providers(request)
        ]
    return context
