"""Two-factor sign-in for staff (django-allauth's MFA: an authenticator app's codes, and recovery codes).

A staff member sets it up under /accounts/2fa/. From then on the desk's login (/admin/login/)
asks for a code as well as the password, and so does the readers' login (allauth's own stage):
neither door opens with the password alone. STAFF_REQUIRE_MFA makes it compulsory: a staff member
without it is sent to set it up before any page of the admin. A wrong code counts as a failed
sign-in towards the desk's lock (accounts/throttle.py).
"""

from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.models import Authenticator
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from . import throttle


def uses_mfa(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class DeskAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, with the two-factor code for those who have set it up."""

    code = forms.CharField(
        label=_("Two-factor code"),
        required=False,
        max_length=64,
        help_text=_("From your authenticator app, or one of your recovery codes. Only if you have set it up."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_required": _(
            "This account signs in with two factors: enter the code from your authenticator app as well."
        ),
        "code_wrong": _("That two-factor code is wrong or has been used. Enter the code your app shows now."),
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None or not uses_mfa(user):
            return cleaned
        code = (cleaned.get("code") or "").strip()
        if not code:
            raise ValidationError(self.error_messages["code_required"], code="code_required")
        check = AuthenticateForm(user=user, data={"code": code})
        if not check.is_valid():
            throttle.record_failure(cleaned.get("username"), self.request.META.get("REMOTE_ADDR"))
            message = check.errors["code"][0]
            if "incorrect" in check.errors.as_data()["code"][0].code:
                message = self.error_messages["code_wrong"]
            raise ValidationError(message, code="code_wrong")
        check.save()  # the code is spent, and the session records that two factors were given
        return cleaned


class StaffMFAMiddleware:
    """With STAFF_REQUIRE_MFA, staff without two-factor sign-in are sent to set it up before the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_REQUIRE_MFA and self._needs_setup(request):
            messages.warning(
                request, _("The desk requires two-factor sign-in. Set up an authenticator app to continue.")
            )
            return HttpResponseRedirect(
                f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)

    def _needs_setup(self, request):
        user = request.user
        admin = reverse("admin:index")
        return (
            request.path.startswith(admin)
            and request.path not in {reverse("admin:login"), reverse("admin:logout")}
            and user.is_authenticated
            and user.is_staff
            and not uses_mfa(user)
        )
