import unicodedata

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from .models import Profile


def clean_display_name(value):
    """A name as a person would write it: NFC, single spaces, no email address, no control characters."""
    value = " ".join(unicodedata.normalize("NFC", value or "").split())
    if not value:
        raise forms.ValidationError(_("Choose a name to show with your comments."))
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} for ch in value):
        raise forms.ValidationError(_("Your display name contains characters that cannot be shown."))
    try:
        validate_email(value)
    except forms.ValidationError:
        return value
    raise forms.ValidationError(_("Your display name is shown to everyone: please do not use an email address."))


class DisplayNameField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Display name"))
        kwargs.setdefault("max_length", 50)
        kwargs.setdefault("help_text", _("Shown with your comments. Your email address is never shown."))
        super().__init__(**kwargs)

    def clean(self, value):
        return clean_display_name(super().clean(value))


class SignupForm(forms.Form):
    """allauth's sign-up form, plus the display name (allauth calls signup() after creating the user)."""

    display_name = DisplayNameField()

    def signup(self, request, user):
        Profile.objects.update_or_create(user=user, defaults={"display_name": self.cleaned_data["display_name"]})


class ProfileForm(forms.ModelForm):
    display_name = DisplayNameField()

    class Meta:
        model = Profile
        fields = ["display_name"]


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted and cannot be restored."), required=True
    )
