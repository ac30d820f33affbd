from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.text import capfirst

from articles.admin import ArticleAdmin

from .models import DictionarySource, KoreanGloss, StoryTerm, Word


@admin.register(KoreanGloss)
class KoreanGlossAdmin(admin.ModelAdmin):
    list_display = ["term", "korean", "note", "updated_at"]
    search_fields = ["term", "korean"]
    list_per_page = 100
    fields = ["term", "korean", "note"]


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
