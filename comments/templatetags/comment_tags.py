from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from articles import fragments

from .. import conf
from ..thread import thread_context

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_box(context, article):
    """The comment box under a story: its newest comments and the form (or why it is closed).

    Anonymous readers all see the same box (the comments, and how to log in to write one), so it is a
    cached fragment: three queries and a tenth of a story page's CPU, fresh by the same versions as
    the page ("site" and the story's own tag, bumped by every comment written or moderated). A
    logged-in reader's box is theirs (their form, their pending comments) and is never kept."""
    request = context["request"]
    form = context.get("comment_form")
    messages = context.get("messages")
    if request.user.is_authenticated or form is not None:
        return render_box(request, article, form, messages, csrf_token=context.get("csrf_token"))
    return fragments.cached(
        f"comment-box:{article.pk}:{get_language()}:{conf.page_size()}:{conf.max_length()}",
        lambda: render_box(request, article, None, None),  # nothing of this reader's, their messages included
        request,
        timed=False,
        tags=[f"article:{article.pk}"],
    )


def render_box(request, article, form, messages, csrf_token=None):
    box = thread_context(request, article, form=form)
    box.update(request=request, user=request.user, messages=messages, on_story=True)
    if csrf_token is not None:  # as an inclusion tag passes it on: the form's {% csrf_token %}
        box["csrf_token"] = csrf_token
    return render_to_string("comments/box.html", box)
