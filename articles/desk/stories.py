"""The story admin: the form with its bylines, photos and corrections, the list, the bulk actions,
removal, and the lock that stops two editors from overwriting each other.

Who may do what is asked of workflow; every change of state goes through actions.
"""

import json

import reversion
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.models import LogEntry
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.cluster.tasks import renditions_pending, request_renditions

from ..models import Article, Byline, Correction, Photo
from ..search import admin_search
from . import actions, revisions, views, workflow
from .forms import ArticleForm, CorrectionForm, PhotoForm, PhotoFormSet, body_editor_csp

Status = Article.Status


class StoryPartPermissions:
    """An inline's rows may be changed by whoever may change the story they belong to."""

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and workflow.can_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.can_edit(request.user, obj)


class BylineInline(StoryPartPermissions, admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "position"]


class PhotoInline(StoryPartPermissions, admin.StackedInline):
    model = Photo
    form = PhotoForm
    formset = PhotoFormSet
    extra = 0
    fields = [("image", "preview"), "caption", ("credit", "alt_text"), ("decorative", "position")]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if obj.image:
            thumb = format_html('<img src="{}" alt="" class="desk-thumb">', obj.image.url)
            if renditions_pending(obj):
                # Made by the worker after the save (at once on one machine): until then pages
                # serve the original.
                return format_html('{}<p class="renditions-pending">{}</p>', thumb, _("renditions pending"))
            return thumb
        return "No image file" if obj.pk else "—"


class CorrectionInline(admin.TabularInline):
    model = Correction
    form = CorrectionForm
    extra = 0
    fields = ["date", "kind", "text"]
    verbose_name_plural = "corrections and clarifications (shown to readers with the story)"


class StatusFilter(admin.ChoicesFieldListFilter):
    """The status filter, in the order a story goes through the desk."""

    def choices(self, changelist):
        everything, *statuses = super().choices(changelist)
        order = {status.label: number for number, status in enumerate(workflow.STATUS_ORDER)}
        return [everything, *sorted(statuses, key=lambda choice: order.get(choice["display"], len(order)))]


class PublicStateFilter(admin.SimpleListFilter):
    title = "on the site"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("live", "Live"),
            ("scheduled", "Scheduled"),
            ("unpublished", "Not public"),
            ("withdrawn", "Withdrawn"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "live":
            return queryset.filter(pk__in=Article.objects.published().values("pk"))
        if value == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=now)
        if value == "unpublished":
            return queryset.filter(status__in=[Status.DRAFT, Status.REVIEW])
        if value == "withdrawn":
            return queryset.filter(status=Status.WITHDRAWN)
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "kind", "status", "public_state", "published_at", "created_by"]
    list_filter = [
        PublicStateFilter,
        ("status", StatusFilter),
        "kind",
        ("section", admin.RelatedOnlyFieldListFilter),
        "published_at",
    ]
    list_select_related = ["section", "section__parent", "created_by"]
    search_fields = ["headline", "dek", "slug", "legacy_id"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "topics"]
    inlines = [BylineInline, PhotoInline, CorrectionInline]
    actions = ["submit_for_review", "publish", "unpublish", "withdraw", "delete_selected"]
    readonly_fields = ["public_state", "view_on_site_link", "created_at", "updated_at", "source_file", "history_link"]
    fieldsets = [
        # edit_lock (hidden) is not in a fieldset, where the admin would give it a <label> for a hidden
        # input: change_form.html puts it after the fieldsets, with its error.
        (None, {"fields": ["headline", "slug", "dek", "section", "kind", "body", "topics"]}),
        ("Korean version", {"classes": ["collapse"], "fields": ["headline_ko", "dek_ko", "body_ko", "ko_unaligned"]}),
        (
            "Publishing",
            {"fields": ["status", "published_at", "time_known", "public_state", "view_on_site_link", "history_link"]},
        ),
        ("Listening", {"fields": ["audio"]}),
        (
            "Record",
            {"classes": ["collapse"], "fields": ["legacy_id", "source_file", "created_at", "updated_at"]},
        ),
    ]

    class Media:
        css = {"all": ["css/desk.css"]}

    # Permissions: the model permissions, narrowed to the stories each role may touch.

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if workflow.is_editor(request.user):
            return queryset
        return queryset.filter(created_by=request.user)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (obj is None or workflow.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.can_edit(request.user, obj)

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm("articles.publish_article")

    def has_withdraw_permission(self, request, obj=None):
        return request.user.has_perm("articles.withdraw_article")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not workflow.is_editor(request.user):
            # Scheduling is the desk's decision; the legacy id is the importer's.
            readonly += ["published_at", "legacy_id"]
        return readonly

    def get_ordering(self, request):
        if request.GET.get("state") == "scheduled" and "o" not in request.GET:
            return ["published_at", "pk"]  # The running order: what goes live next comes first.
        return super().get_ordering(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def render_change_form(self, request, context, *args, **kwargs):
        context["workflow_buttons"] = context["adminform"].form.buttons()
        return super().render_change_form(request, context, *args, **kwargs)

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        # Corrections belong to published stories only.
        return [i for i in inlines if not isinstance(i, CorrectionInline) or (obj is not None and obj.pub_date)]

    # Saving: the lock, the author, the renditions and one revision per save.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            response = super().changeform_view(request, object_id, form_url, extra_context)
        else:
            obj = self.get_object(request, object_id) if object_id else None
            if obj is not None and self.has_change_permission(request, obj):
                revisions.ensure_baseline(obj.pk)
            try:
                with reversion.create_revision():
                    reversion.set_user(request.user)
                    response = super().changeform_view(request, object_id, form_url, extra_context)
            except views.EditConflict as conflict:
                response = views.conflict_page(self, request, conflict)
        response._csp_config = body_editor_csp()
        return response

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        else:
            expected = form.cleaned_data["edit_lock"]
            # Compare and lock in one statement: the row is locked until this transaction ends,
            # so of two simultaneous saves of one version, the second finds the version moved on.
            if not Article.objects.filter(pk=obj.pk, lock_version=expected).update(lock_version=expected):
                raise views.EditConflict(obj, form)
            obj.lock_version = expected
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # A new or replaced file has none of its renditions yet (the old file's are not its).
        new_files = {id(photo_form.instance) for photo_form in formset.forms if "image" in photo_form.changed_data}
        for instance in formset.save(commit=False):
            if isinstance(instance, Correction) and not instance.pk:
                instance.created_by = request.user
            if isinstance(instance, Photo) and id(instance) in new_files:
                instance.renditions = []
            instance.save()
            if isinstance(instance, Photo) and renditions_pending(instance):
                # Off the request: the task runs once the story's save commits (in the worker, or at
                # once where tasks run at once). A picture that passed the upload's checks but that
                # Pillow still cannot resize is served as it is, and the editor is told.
                request_renditions(instance, failed=self.renditions_failed(request, instance))
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def renditions_failed(self, request, photo):
        def tell():
            self.message_user(
                request,
                _("Photo %(id)s is stored, but smaller versions could not be made.") % {"id": photo.pk},
                messages.WARNING,
            )

        return tell

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The revision holds the story as it stands after its bylines and photos were saved.
        reversion.add_to_revision(form.instance)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Created.")
        return entry

    def construct_change_message(self, request, form, formsets, add=False):
        """Django's "Changed Status." says a status moved; the desk says which way ("Submitted for review.")."""
        message = super().construct_change_message(request, form, formsets, add)
        before, after = form.initial.get("status"), form.instance.status
        if add or before == after:
            return message
        status_label = form.fields["status"].label
        for part in message:
            if "changed" in part and "name" not in part["changed"]:
                part["changed"]["fields"] = [f for f in part["changed"]["fields"] if f != status_label]
        message = [part for part in message if part != {"changed": {"fields": []}}]
        rest = LogEntry(change_message=json.dumps(message)).get_change_message() if message else ""
        return f"{workflow.change_words(before, after, form.instance.published_at)} {rest}".strip()

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Saved without changes.")
        return entry

    # Removing: a story that was published is unpublished and kept, never deleted.

    def delete_model(self, request, obj):
        actions.remove(obj, request.user)

    def response_delete(self, request, obj_display, obj_id):
        if Article.objects.filter(pk=obj_id).exists():
            self.message_user(
                request,
                f"“{obj_display}” had been published, so it was taken off the site and kept (it can be "
                "published again); it was not deleted.",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj_id]))
        return super().response_delete(request, obj_display, obj_id)

    def render_delete_form(self, request, context):
        context["kept_when_removed"] = context.get("object") is not None and context["object"].status in (
            Status.PUBLISHED,
            Status.WITHDRAWN,
        )
        return super().render_delete_form(request, context)

    @admin.action(
        description=_("Remove the selected stories (published ones are unpublished and kept)"), permissions=["delete"]
    )
    def delete_selected(self, request, queryset):
        if not request.POST.get("post"):
            # The confirmation page lists as deleted only the stories that will be; the others are kept.
            kept = [a for a in queryset if a.status in (Status.PUBLISHED, Status.WITHDRAWN)]
            response = django_delete_selected(self, request, queryset.exclude(pk__in=[a.pk for a in kept]))
            response.context_data |= {"queryset": queryset, "kept_stories": kept}
            return response
        outcomes = self.run_on_selection(request, queryset, actions.remove)
        deleted = sum(outcomes)
        kept = len(outcomes) - deleted
        deleted_part = ngettext(
            "Deleted %(count)d unpublished story", "Deleted %(count)d unpublished stories", deleted
        ) % {"count": deleted}
        self.message_user(
            request,
            f"{deleted_part}; kept {kept} that had been published (unpublished, restorable).",
            messages.SUCCESS,
        )
        return None

    # State changes: each through actions, one revision per story.

    def run_on_selection(self, request, queryset, change, done=None):
        """Apply `change(article, user)` to each selected story; say how many it changed (`done`, an
        ngettext pair taking %(count)d) and which it refused and why. Returns the changes' results."""
        results, refused = [], []
        for article in queryset:
            try:
                results.append(change(article, request.user))
            except actions.DeskError as error:
                refused.append(f"“{article}”: {' '.join(error.messages)}")
        if done is not None:
            count = len(results)
            self.message_user(request, ngettext(*done, count) % {"count": count}, messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d story was left as it was. %(why)s",
                    "%(count)d stories were left as they were. %(why)s",
                    len(refused),
                )
                % {"count": len(refused), "why": " ".join(refused)},
                messages.ERROR,
            )
        return results

    @admin.action(description=_("Submit the selected drafts for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        done = ("Submitted %(count)d story for review.", "Submitted %(count)d stories for review.")
        self.run_on_selection(request, queryset, actions.submit, done)

    @admin.action(description=_("Publish the selected stories (now, or at their set time)"), permissions=["publish"])
    def publish(self, request, queryset):
        done = ("Published %(count)d story.", "Published %(count)d stories.")
        self.run_on_selection(request, queryset.prefetch_related("photos"), actions.publish, done)

    @admin.action(description=_("Unpublish the selected stories (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        done = ("Unpublished %(count)d story.", "Unpublished %(count)d stories.")
        self.run_on_selection(request, queryset, actions.unpublish, done)

    @admin.action(
        description=_("Withdraw the selected stories (legal: the page answers 410 Gone)"), permissions=["withdraw"]
    )
    def withdraw(self, request, queryset):
        done = ("Withdrew %(count)d story.", "Withdrew %(count)d stories.")
        self.run_on_selection(request, queryset, actions.withdraw, done)

    # Columns and links.

    @admin.display(description=_("on the site"))
    def public_state(self, obj):
        return workflow.schedule_label(obj) if obj.pk else "—"

    @admin.display(description=_("page"))
    def view_on_site_link(self, obj):
        if not obj.pk:
            return "Save the story first."
        if obj.is_public:
            return format_html('<a href="{}" target="_blank">See it on the site</a>', obj.get_absolute_url())
        return format_html(
            '<a href="{}" target="_blank">Preview it on its page</a> (only staff can see it)',
            reverse_preview(obj),
        )

    @admin.display(description=_("history"))
    def history_link(self, obj):
        if not obj.pk:
            return "—"
        url = reverse("admin:articles_article_revisions", args=[obj.pk])
        return format_html('<a href="{}">Every saved version, with what changed</a>', url)

    def get_search_results(self, request, queryset, search_term):
        """The site's search engine (full text on PostgreSQL), drafts included, plus exact ids and slugs."""
        return admin_search(queryset, search_term), False

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else reverse_preview(obj)

    # Revision history: list, compare, restore.

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/revisions/", wrap(self.revisions_view), name="articles_article_revisions"),
            path(
                "<int:pk>/revisions/<int:version_id>/",
                wrap(self.revision_view),
                name="articles_article_revision",
            ),
            *super().get_urls(),
        ]

    def revisions_view(self, request, pk):
        return views.versions_page(self, request, pk)

    def revision_view(self, request, pk, version_id):
        return views.version_page(self, request, pk, version_id)


def reverse_preview(obj):
    return reverse("articles:preview", kwargs={"pk": obj.pk})
