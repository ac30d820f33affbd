"""The desk's other admins: sections, people, topics, corrections and old addresses."""

import reversion
from django.contrib import admin
from django.db.models import Count

from ..models import ArticleRedirect, Correction, Person, Section, Topic
from . import revisions
from .forms import CorrectionForm


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "position", "story_count"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug"]
    # Counting stories drops the model's default order; the autocomplete pages need one.
    ordering = ["position", "name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent__parent").annotate(Count("articles"))

    @admin.display(description="stories", ordering="articles__count")
    def story_count(self, obj):
        return obj.articles__count


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "is_agency", "story_count"]
    list_filter = ["is_agency"]
    search_fields = ["name", "email"]
    # Counting stories drops the model's default order; the list and the autocomplete need one.
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(Count("bylines"))

    @admin.display(description="stories", ordering="bylines__count")
    def story_count(self, obj):
        return obj.bylines__count


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["article", "date", "kind", "created_by"]
    list_filter = ["kind", "date"]
    list_select_related = ["article", "created_by"]
    search_fields = ["text", "article__headline"]
    autocomplete_fields = ["article"]
    date_hierarchy = "date"
    form = CorrectionForm

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        revisions.ensure_baseline(obj.article_id)
        with reversion.create_revision():
            super().save_model(request, obj, form, change)
            reversion.set_user(request.user)
            reversion.set_comment(f"{'Added' if not change else 'Changed'} a {obj.get_kind_display().lower()}.")
            reversion.add_to_revision(obj.article)


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "created_at"]
    search_fields = ["old_slug", "article__headline"]
    autocomplete_fields = ["article"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "story_count"]
    search_fields = ["name"]
    ordering = ["name"]  # As for people: the count drops the model's order.
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(Count("articles"))

    @admin.display(description="stories", ordering="articles__count")
    def story_count(self, obj):
        return obj.articles__count
