"""The editors' moderation queue: reported comments first, then those awaiting approval."""

from django.contrib import admin, messages
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom import invalidation

from .models import Comment, CommentingBan, CommentReport


class ReportedFilter(admin.SimpleListFilter):
    title = _("reports")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Reported")), ("no", _("Not reported"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(open_reports__gt=0)
        if self.value() == "no":
            return queryset.filter(open_reports=0)
        return queryset


class ReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    fields = ["reason", "reporter", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "author_display", "article", "status", "report_count", "created_at"]
    list_filter = ["status", ReportedFilter, "created_at"]
    list_select_related = ["author__profile", "article"]
    search_fields = ["body", "author__email", "author__profile__display_name", "article__headline"]
    date_hierarchy = "created_at"
    actions = ["approve", "hide", "bar_authors"]
    readonly_fields = ["article", "author", "body", "created_at", "moderated_at", "moderated_by"]
    fields = ["article", "author", "body", "status", "created_at", "moderated_at", "moderated_by"]
    inlines = [ReportInline]
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request):
        # Comments are readers' words: editors moderate them, they do not write or rewrite them.
        return False

    def get_queryset(self, request):
        # Reported first (most reports on top), then those awaiting approval, then the newest.
        # Not super(): it orders by get_ordering() before these annotations exist.
        return (
            self.model._default_manager.get_queryset()
            .annotate(
                open_reports=Count("reports"),
                waiting=Case(
                    When(status=Comment.Status.PENDING, then=Value(1)), default=Value(0), output_field=IntegerField()
                ),
            )
            .order_by("-open_reports", "-waiting", "-id")
        )

    def get_ordering(self, request):
        return ["-open_reports", "-waiting", "-id"]

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        return obj.body if len(obj.body) <= 80 else obj.body[:79] + "…"

    @admin.display(description=_("reader"), ordering="author__profile__display_name")
    def author_display(self, obj):
        return obj.author_name

    @admin.display(description=_("reports"), ordering="open_reports")
    def report_count(self, obj):
        return obj.open_reports

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            obj.moderated_at, obj.moderated_by = timezone.now(), request.user
            if obj.status == Comment.Status.PUBLISHED:
                obj.reports.all().delete()
        super().save_model(request, obj, form, change)

    def _moderate(self, request, queryset, status):
        rows = list(queryset.values_list("pk", "article_id"))
        ids = [pk for pk, _article in rows]
        changed = Comment.objects.filter(pk__in=ids).update(
            status=status, moderated_at=timezone.now(), moderated_by=request.user
        )
        # update() sends no signal: the stories' cached pages are made fresh here.
        invalidation.stories_changed({article for _pk, article in rows})
        return ids, changed

    @admin.action(description=_("Approve selected comments (and dismiss their reports)"), permissions=["change"])
    def approve(self, request, queryset):
        ids, changed = self._moderate(request, queryset, Comment.Status.PUBLISHED)
        CommentReport.objects.filter(comment_id__in=ids).delete()
        self.message_user(
            request, ngettext("%d comment approved.", "%d comments approved.", changed) % changed, messages.SUCCESS
        )

    @admin.action(description=_("Hide selected comments from readers (kept for the record)"), permissions=["change"])
    def hide(self, request, queryset):
        _ids, changed = self._moderate(request, queryset, Comment.Status.HIDDEN)
        self.message_user(
            request, ngettext("%d comment hidden.", "%d comments hidden.", changed) % changed, messages.SUCCESS
        )

    @admin.action(description=_("Bar the authors of selected comments from commenting"), permissions=["change"])
    def bar_authors(self, request, queryset):
        authors = set(queryset.exclude(author=None).values_list("author_id", flat=True))
        barred = 0
        for author_id in authors:
            _ban, created = CommentingBan.objects.get_or_create(
                user_id=author_id,
                defaults={"barred_by": request.user, "reason": _("Barred from the moderation queue.")},
            )
            barred += created
        self.message_user(
            request,
            ngettext("%d reader barred from commenting.", "%d readers barred from commenting.", barred) % barred,
            messages.SUCCESS,
        )


@admin.register(CommentingBan)
class CommentingBanAdmin(admin.ModelAdmin):
    list_display = ["user", "reason", "barred_by", "created_at"]
    search_fields = ["user__username", "user__email", "user__profile__display_name", "reason"]
    autocomplete_fields = ["user"]
    readonly_fields = ["barred_by", "created_at"]
    list_select_related = ["user", "barred_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.barred_by = request.user
        super().save_model(request, obj, form, change)
