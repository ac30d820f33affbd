from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog, set_language

from accounts.mfa import DeskAuthenticationForm
from articles.media import media

from . import views

admin.site.site_header = format_lazy(_("{name} desk"), name=settings.NEWSROOM["NAME"])
admin.site.site_title = settings.NEWSROOM["NAME"]
admin.site.index_title = _("Newsroom")
# The desk's login asks staff who use two-factor sign-in for their code (accounts/mfa.py).
admin.site.login_form = DeskAuthenticationForm
admin.site.login_template = "admin/desk_login.html"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # The language switch is a form on every page. A CSRF token would set a cookie and keep every page
    # out of the page cache; a forged switch can change nothing but the reader's language. (It is
    # django.conf.urls.i18n's one address, so that module is not included as well.)
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # The scripts' strings in the reader's language, as a script file (the CSP allows no inline script).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("articles.urls")),
    path("", include("dictionary.urls")),
    path("accounts/words/", include("learning.urls")),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("comments.urls")),
    # Keep last: pages editors write live at /<slug>/, where no other address is.
    path("", include("pages.urls")),
]

if settings.SERVE_MEDIA:
    # Each file only when a public story uses it (articles.media), never the folder's whole content.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media, name="media")]
