from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from .models import Article, Byline, Person, Photo, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "position", "story_count"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug"]
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
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(Count("bylines"))

    @admin.display(description="stories", ordering="bylines__count")
    def story_count(self, obj):
        return obj.bylines__count


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "position"]


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 0
    fields = [("image", "preview"), "caption", ("credit", "alt_text"), "position"]
    readonly_fields = ["preview"]

    @admin.display(description="preview")
    def preview(self, obj):
        if obj.image:
            # Sized by attributes: the CSP blocks inline styles, in the admin too.
            scale = min(1, 200 / (obj.width or 200), 120 / (obj.height or 120))
            width, height = round((obj.width or 200) * scale), round((obj.height or 120) * scale)
            return format_html('<img src="{}" alt="" width="{}" height="{}">', obj.image.url, width, height)
        return "No image file" if obj.pk else "—"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "kind", "status", "public_state", "published_at"]
    list_filter = ["status", "kind", ("section", admin.RelatedOnlyFieldListFilter), "published_at"]
    list_select_related = ["section", "section__parent"]
    search_fields = ["headline", "dek", "slug", "legacy_id"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    inlines = [BylineInline, PhotoInline]
    actions = ["publish", "unpublish"]
    readonly_fields = ["view_on_site_link", "created_at", "updated_at", "source_file"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "section", "kind", "body"]}),
        ("Publishing", {"fields": ["status", "published_at", "view_on_site_link"]}),
        (
            "Record",
            {"classes": ["collapse"], "fields": ["legacy_id", "source_file", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description="on the site")
    def public_state(self, obj):
        if obj.is_public:
            return "Live"
        if obj.is_scheduled:
            return f"Scheduled for {timezone.localtime(obj.published_at):%Y-%m-%d %H:%M}"
        return "Not public"

    @admin.display(description="page")
    def view_on_site_link(self, obj):
        if not obj.pk:
            return "Save the story first."
        if obj.is_public:
            return format_html('<a href="{}" target="_blank">See it on the site</a>', obj.get_absolute_url())
        return format_html(
            '<a href="{}" target="_blank">Preview it on its page</a> (only staff can see it)',
            reverse_preview(obj),
        )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else reverse_preview(obj)

    @admin.action(description="Publish the selected stories (now, or at their set time)", permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.status = Article.Status.PUBLISHED
            article.published_at = article.published_at or now
            article.save()
            count += 1
        self.message_user(request, f"Published {count} stor{'y' if count == 1 else 'ies'}.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected stories (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.save()
            count += 1
        self.message_user(request, f"Unpublished {count} stor{'y' if count == 1 else 'ies'}.", messages.SUCCESS)


def reverse_preview(obj):
    return reverse("articles:preview", kwargs={"pk": obj.pk})
