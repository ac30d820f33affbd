"""allauth adapters: readers who arrive through X or Facebook get a display name from their profile."""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms

from .forms import clean_display_name
from .models import Profile


def name_from_provider(extra_data):
    """The reader's public name at X ("name", else "username") or Facebook ("name"), if usable."""
    for key in ("name", "username"):
        value = extra_data.get(key)
        if isinstance(value, str):
            try:
                return clean_display_name(value[:50])
            except forms.ValidationError:
                continue
    return ""


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        name = name_from_provider(sociallogin.account.extra_data or {}) or f"Reader {user.pk}"
        Profile.objects.get_or_create(user=user, defaults={"display_name": name})
        return user
