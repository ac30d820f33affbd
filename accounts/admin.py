from datetime import UTC, datetime

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from . import throttle
from .models import LoginLock, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user"]
    search_fields = ["display_name", "user__username", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(LoginLock)
class LoginLockAdmin(admin.ModelAdmin):
    """The accounts and addresses locked out of the desk's sign-in, read from the cache, each with an Unlock button."""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("accounts.unlock_login")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_changelist"
        return [path("", self.admin_site.admin_view(self.changelist_view), name=name)]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self.unlock(request)
        locks = [
            lock | {"until": datetime.fromtimestamp(lock["until"], tz=UTC), "is_account": lock["kind"] == "account"}
            for lock in throttle.current_locks()
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Sign-in locks"),
            "locks": locks,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/accounts/loginlock/locks.html", context)

    def unlock(self, request):
        kind, value = request.POST.get("kind"), request.POST.get("value", "")
        if kind not in {"account", "address"} or not value:
            messages.error(request, _("Choose a lock to lift."))
            return HttpResponseRedirect(request.path)
        throttle.lift(**{"username" if kind == "account" else "address": value}, by=request.user.get_username())
        user = get_user_model().objects.filter(username__iexact=value).first() if kind == "account" else None
        if user is not None:
            # In the account's history too, beside the changes to it.
            LogEntry.objects.log_actions(request.user.pk, [user], CHANGE, "Lifted the desk sign-in lock")
        message = (
            _("Lifted the lock on the account %(value)s.")
            if kind == "account"
            else _("Lifted the lock on the address %(value)s.")
        )
        messages.success(request, message % {"value": value})
        return HttpResponseRedirect(request.path)
