import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from . import data
from .forms import DeleteAccountForm, ProfileForm
from .models import Profile


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    """The reader's page: their display name, and the doors to their data and their account."""
    instance = Profile.objects.filter(user=request.user).first() or Profile(user=request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your display name is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@login_required
@require_safe
def export(request):
    """Everything the site holds about the reader, as a JSON download."""
    payload = json.dumps(data.export(request.user, request), ensure_ascii=False, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    filename = f"newsroom-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request):
    if request.user.is_staff:
        return render(request, "accounts/delete.html", {"staff": True}, status=403)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        deleted = data.delete_account(user)
        return render(request, "accounts/deleted.html", {"deleted": deleted})
    return render(request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200)
