"""allauth adapters: readers who arrive through X or Facebook get a display name from their profile;
every mail goes through the send_mail task, and mail that cannot be sent is reported to the reader
instead of failing the request."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.tasks import TaskResultStatus
from django.utils.translation import gettext

from newsroom.cluster.tasks import queue_mail

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
    def list_apps(self, request, provider=None, client_id=None):
        """The social login apps configured (in the database and the settings), kept like the pieces pages
        repeat: every anonymous comment box and login page lists them, and an app's save bumps the site
        version (newsroom.invalidation). Looked up by provider or client id, as allauth does."""
        if request is None or provider or client_id:
            return super().list_apps(request, provider=provider, client_id=client_id)
        from articles import fragments

        site = get_current_site(request).domain  # the apps of the site, where allauth's sites are on
        return fragments.cached(
            f"social-apps:{site}", lambda: super(SocialAccountAdapter, self).list_apps(request), request, timed=False
        )

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        name = name_from_provider(sociallogin.account.extra_data or {}) or f"Reader {user.pk}"
        Profile.objects.get_or_create(user=user, defaults={"display_name": name})
        return user


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render the mail here and send it through the send_mail task: in the cluster the worker
        sends it (with retries), so a slow or down mail server never holds a web worker.

        Where tasks run at once (one machine) it is sent now; a mail server that is down or refuses
        is then never a 500 (the account made at signup stays made): the failure is logged and the
        reader told."""
        request = allauth_context.request
        # What allauth's own send_mail puts in the templates' context.
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
        )
        result = queue_mail(message)
        if result.status == TaskResultStatus.FAILED:
            logger.error(
                "Could not send %s mail\n%s",
                template_prefix.rsplit("/", 1)[-1],
                result.errors[-1].traceback if result.errors else "",
            )
            if request is not None:
                messages.error(
                    request,
                    gettext("We could not send you the email just now. Please try again in a few minutes."),
                )
