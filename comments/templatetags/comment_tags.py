from django import template

from ..thread import thread_context

register = template.Library()


@register.inclusion_tag("comments/box.html", takes_context=True)
def comment_box(context, article):
    """The comment box under a story: its newest comments and the form (or why it is closed)."""
    request = context["request"]
    box = thread_context(request, article, form=context.get("comment_form"))
    box.update(request=request, user=request.user, messages=context.get("messages"), on_story=True)
    return box
