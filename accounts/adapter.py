"""allauth adapters: readers who arrive through X or Facebook get a display name from their profile;
mail that cannot be sent is reported to the reader instead of failing the request."""

import logging
import smtplib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.contrib import messages

from .forms import clean_display_name
from .models import Profile

logger = logging.getLogger("accounts.mail")


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


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Send, or tell the reader it could not be sent: a mail server that is down or refuses is
        never a 500 (the account made at signup stays made), and the failure is logged."""
        try:
            super().send_mail(template_prefix, email, context)
        except (smtplib.SMTPException, OSError):
            logger.exception("Could not send %s mail", template_prefix.rsplit("/", 1)[-1])
            request = allauth_context.request
            if request is not None:
                messages.error(
                    request,
                    "We could not send you the email just now. Please try again in a few minutes.",
                )
