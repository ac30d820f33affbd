from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst

from articles.admin import ArticleAdmin

from . import korean
from .coverage import refresh_needs
from .models import DictionarySource, KoreanGloss, StoryTerm, Word


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("needed", "Needs review (suggested or missing)"), ("rejected", "Rejected suggestions")]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.filter(status__in=[KoreanGloss.Status.SUGGESTED, KoreanGloss.Status.MISSING])
        if self.value() == "rejected":
            return queryset.filter(status=KoreanGloss.Status.REJECTED)
        return queryset


@admin.register(KoreanGloss)
class KoreanGlossAdmin(admin.ModelAdmin):
    """The newsroom's glosses and the review queue: suggested and missing glosses, the most needed first."""

    list_display = ["term", "pos", "sense", "korean", "status", "need", "review_buttons", "source", "updated_at"]
    list_display_links = ["term"]
    list_filter = [NeedsReviewFilter, "status", "pos", "source"]
    search_fields = ["term", "korean", "sense"]
    list_per_page = 100
    ordering = ["-need", "term", "pos", "sense"]
    fields = ["term", "pos", "sense", "korean", "note"]
    actions = ["approve_selected", "reject_selected"]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/approve/",
                wrap(self.review_view),
                {"decide": korean.approve},
                name="dictionary_gloss_approve",
            ),
            path(
                "<int:pk>/reject/", wrap(self.review_view), {"decide": korean.reject}, name="dictionary_gloss_reject"
            ),
            path("refresh-needs/", wrap(self.refresh_needs_view), name="dictionary_gloss_refresh_needs"),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "korean":
            field.required = True  # only a queued missing row is empty, and it is filled here
        return field

    def save_model(self, request, obj, form, change):
        # What an editor saves on the form is the newsroom's gloss; an unchanged suggestion keeps its credit.
        if not change or "korean" in form.changed_data:
            obj.source = KoreanGloss.NEWSROOM
        obj.status = KoreanGloss.Status.REVIEWED
        super().save_model(request, obj, form, change)

    @admin.display(description="review")
    def review_buttons(self, obj):
        if obj.status == KoreanGloss.Status.REVIEWED:
            return ""
        # The buttons submit the changelist's own form (and its CSRF token) to the small views below:
        # one click each, without nesting a form in the table.
        buttons = [("reject", "Reject")] if obj.status != KoreanGloss.Status.REJECTED else []
        if obj.korean:
            buttons.insert(0, ("approve", "Approve"))
        return format_html_join(
            " ",
            '<button type="submit" class="button" formaction="{}" formnovalidate aria-label="{} {}">{}</button>',
            (
                (reverse(f"admin:dictionary_gloss_{name}", args=[obj.pk]), label, obj.term, label)
                for name, label in buttons
            ),
        )

    def review_view(self, request, pk, decide):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        gloss = get_object_or_404(KoreanGloss, pk=pk)
        if not self.has_change_permission(request, gloss):
            raise PermissionDenied
        self._decide(request, [gloss], decide)
        return HttpResponseRedirect(self._back(request))

    def refresh_needs_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        need = refresh_needs()
        self.message_user(request, f"Need counted for {len(need)} listed words.", messages.SUCCESS)
        return HttpResponseRedirect(self._back(request))

    def _back(self, request):
        back = request.POST.get("next") or request.headers.get("referer", "")
        if url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
            return back
        return reverse("admin:dictionary_koreangloss_changelist")

    def _decide(self, request, glosses, decide):
        done = 0
        for gloss in glosses:
            try:
                decide(gloss)
            except korean.ReviewError as exc:
                self.message_user(request, str(exc), messages.WARNING)
                continue
            self.log_change(request, gloss, [{"changed": {"fields": ["status"]}}])
            done += 1
        if done:
            verb = "approved" if decide is korean.approve else "rejected"
            self.message_user(request, f"{done} gloss{'es' if done != 1 else ''} {verb}.", messages.SUCCESS)

    @admin.action(description="Approve the selected suggestions", permissions=["change"])
    def approve_selected(self, request, queryset):
        self._decide(request, queryset, korean.approve)

    @admin.action(description="Reject the selected suggestions", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._decide(request, queryset, korean.reject)


@admin.register(Word)
class WordAdmin(admin.ModelAdmin):
    """The loaded dictionary, to consult: it is replaced by `load_dictionary`, so it is read-only here."""

    list_display = ["lemma", "parts", "zipf"]
    search_fields = ["lemma"]
    fields = ["lemma", "parts", "zipf", "senses"]
    readonly_fields = fields
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="senses")
    def senses(self, obj):
        return format_html_join("", "<p><em>{}</em> {}</p>", ((s["pos"], s["definition"]) for s in obj.entries))


@admin.register(DictionarySource)
class DictionarySourceAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "words", "inflections", "loaded_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StoryTermInline(admin.TabularInline):
    model = StoryTerm
    extra = 1
    fields = ["term", "definition", "korean", "position"]
    verbose_name = "word or phrase to explain"
    verbose_name_plural = "Words in this story: pinned first in its dictionary view (e.g. “make inroads into”)"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and not field.widget.is_hidden:
            # A tabular inline names its inputs only by the column header (and their help text):
            # each gets its label as its accessible name.
            field.widget.attrs.setdefault("aria-label", capfirst(field.label))
        return field


# The dictionary adds its inline to the story form from here, so that articles/admin.py need not
# know about this app (it is installed after `articles`, whose admin is registered by then).
ArticleAdmin.inlines = [*ArticleAdmin.inlines, StoryTermInline]
