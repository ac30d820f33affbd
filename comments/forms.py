from django import forms
from django.utils.translation import gettext_lazy as _

from . import conf
from .models import CommentReport
from .text import (
    MAX_CODE_POINTS_PER_CHARACTER,
    count_characters,
    has_forbidden_characters,
    normalize,
)

# The browser shows the same sentence when it stops a long comment (box.html passes it to comments.js).
TOO_LONG = _(
    "Your comment has %(length)s characters; the limit is %(limit)s. Please shorten it: nothing has been cut."
)


class CommentForm(forms.Form):
    # No max_length: it would add a maxlength attribute, which browsers count in UTF-16 units
    # (an emoji as two) and enforce by cutting the text. The limit is checked in clean_body.
    body = forms.CharField(
        label=_("Your comment"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 40, "dir": "auto", "autocomplete": "off"}),
        error_messages={"required": _("Write your comment first.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_length = conf.max_length()
        self.fields["body"].widget.attrs.update(
            {"data-max-length": self.max_length, "aria-describedby": "comment-counter comment-help"}
        )

    def clean_body(self):
        body = normalize(self.cleaned_data["body"])
        limit = self.max_length
        # Cheap check first: a huge body is refused before it is split into characters.
        if len(body) > limit * MAX_CODE_POINTS_PER_CHARACTER:
            raise forms.ValidationError(
                _("Your comment is far longer than %(limit)s characters. Please shorten it."),
                code="too_long",
                params={"limit": limit},
            )
        if has_forbidden_characters(body):
            raise forms.ValidationError(
                _(
                    "Your comment contains characters that cannot be shown (control characters, or bytes "
                    "that are not valid text). Please retype it."
                ),
                code="invalid_characters",
            )
        length = count_characters(body)
        if length > limit:
            raise forms.ValidationError(TOO_LONG % {"length": length, "limit": limit}, code="too_long")
        body = body.strip()
        if not body:
            raise forms.ValidationError(_("Write your comment first."), code="required")
        return body


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"), choices=CommentReport.Reason.choices, widget=forms.RadioSelect
    )
