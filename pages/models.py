from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _

from articles.sanitize import sanitize_html

# First parts of other addresses on the site: a page may not take them (besides any address the
# URLconf already answers, checked when the page is saved).
RESERVED_SLUGS = {
    "accounts",
    "admin",
    "api",
    "comments",
    "dictionary",
    "feeds",
    "healthz",
    "media",
    "people",
    "preview",
    "search",
    "section",
    "sitemap",
    "static",
}


def _taken_by_another_view(slug):
    """Whether /<slug>/ (or a path under it) is answered by another part of the site."""
    for path in (f"/{slug}/", f"/{slug}"):
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.app_name != "pages":
            return True
    return False


def validate_page_slug(value):
    if value.lower() in RESERVED_SLUGS or value.isdigit() or _taken_by_another_view(value):
        raise ValidationError(_("“%(slug)s” is used by another part of the site."), params={"slug": value})


class Page(models.Model):
    """A page of the site that editors write: about, contact, terms, privacy, the comment policy.

    Served at /<slug>/ (like django.contrib.flatpages, without the sites framework it needs).
    """

    slug = models.SlugField(
        max_length=60, unique=True, validators=[validate_page_slug], help_text=_("Its address: /slug/.")
    )
    title = models.CharField(max_length=200)
    body = models.TextField(help_text=_("Paragraphs of HTML: headings, lists, links, emphasis."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"slug": self.slug})
