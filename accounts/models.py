from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """What a reader shows of themselves: a display name (never their email address)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    display_name = models.CharField(
        _("display name"), max_length=50, help_text=_("Shown with your comments instead of your email address.")
    )

    class Meta:
        verbose_name = _("reader profile")
        constraints = [
            models.CheckConstraint(condition=~models.Q(display_name=""), name="profile_display_name_not_blank"),
        ]

    def __str__(self):
        return self.display_name


def display_name_for(user):
    """The name a user's comments carry: their chosen name, else a neutral one (never the email)."""
    if user is None:
        return _("Former reader")
    try:
        return user.profile.display_name
    except Profile.DoesNotExist:
        return user.get_full_name().strip() or _("Reader %(number)s") % {"number": user.pk}


class LoginLock(models.Model):
    """The desk's sign-in locks, which live in the cache (accounts/throttle.py), not in a table.

    Unmanaged and never queried: it gives the admin its *Sign-in locks* page and the permission
    to lift a lock (the Editors role holds it, newsroom/roles.py).
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("unlock_login", _("Can lift a desk sign-in lock"))]
        verbose_name = _("sign-in lock")
        verbose_name_plural = _("sign-in locks")

    def __str__(self):
        return str(self._meta.verbose_name)
