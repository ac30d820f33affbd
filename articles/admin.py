"""The editorial desk: the admin through which reporters write and editors publish.

The workflow's rules live in articles.workflow; this module applies them to every door the admin
has (the form, the inlines, the actions, delete) and keeps the revision history and the lock that
stops two editors from overwriting each other.
"""

import logging

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField

from . import revisions, workflow
from .models import Article, ArticleRedirect, Byline, Correction, Person, Photo, Section, Topic, local_date
from .photos import make_renditions, validate_upload
from .sanitize import ALLOWED_TAGS, URL_SCHEMES
from .search import admin_search

Status = Article.Status
logger = logging.getLogger(__name__)


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
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(Count("bylines"))

    @admin.display(description="stories", ordering="bylines__count")
    def story_count(self, obj):
        return obj.bylines__count


# The body editor's buttons come from the sanitizer's one list of allowed tags: the editor offers
# no markup that the save would strip. ("b" and "i" are kept for imported bodies; the editor writes
# "strong" and "em" instead.)
EDITOR_EXTENSION_FOR_TAG = {
    "strong": "Bold",
    "em": "Italic",
    "sub": "Subscript",
    "sup": "Superscript",
    "ul": "BulletList",
    "ol": "OrderedList",
    "li": "ListItem",
    "blockquote": "Blockquote",
    "br": "HardBreak",
}


def body_editor_config(allowed_tags=ALLOWED_TAGS):
    extensions = {ext: True for tag, ext in EDITOR_EXTENSION_FOR_TAG.items() if tag in allowed_tags}
    levels = [level for level in range(1, 7) if f"h{level}" in allowed_tags]
    if levels:
        extensions["Heading"] = {"levels": levels}
    if "a" in allowed_tags:
        extensions["Link"] = {"enableTarget": False, "protocols": sorted(URL_SCHEMES)}
    return {"extensions": extensions | {"History": True, "HTML": True}}


# The sha256 of the empty string: lets static/js/desk-editor.js put the empty <style> in place that
# stops the editor from injecting its own inline CSS. Only the story form's pages get it.
EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def body_editor_csp():
    policy = dict(settings.SECURE_CSP)
    policy["style-src"] = [*policy.get("style-src", [CSP.SELF]), EMPTY_STYLE_HASH]
    return policy


class EditConflict(Exception):
    """Someone else saved the story after this form was opened."""

    def __init__(self, mine, form):
        super().__init__("edit conflict")
        self.mine = mine
        self.form = form


class ArticleForm(forms.ModelForm):
    # The story's lock_version when the form was opened; the save is refused if it has moved on.
    edit_lock = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": "This form is out of date: reload the page and make your change again."},
    )
    body = ProseEditorFormField(config=body_editor_config(), help_text=Article._meta.get_field("body").help_text)

    # Set per request by ArticleAdmin.get_form.
    user = None

    class Media:
        # The body editor's helpers go with the form, so only the story form's pages (whose CSP
        # allows the empty <style> desk-editor.js puts in place) load them, not the list or delete pages.
        css = {"all": ["css/desk-editor.css"]}
        js = ["js/desk-editor.js"]

    class Meta:
        model = Article
        fields = ["headline", "slug", "dek", "section", "kind", "body", "status", "published_at", "legacy_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_lock"].initial = self.instance.lock_version if self.instance.pk else 0
        if "slug" in self.fields:
            # Left empty, the slug is made from the headline on save.
            self.fields["slug"].required = False
        current = self.instance.status if self.instance.pk else None
        if "status" in self.fields:
            allowed = workflow.allowed_statuses(self.user, current)
            self.fields["status"].choices = [(v, label) for v, label in Status.choices if v in allowed]

    def clean(self):
        data = super().clean()
        current = self.instance.status if self.instance.pk else None
        new = data.get("status", current or Status.DRAFT)
        if self.user is not None and new is not None:
            problem = workflow.transition_error(self.user, current, new)
            if problem:
                raise ValidationError(problem)
        published_at = data.get("published_at", self.instance.published_at)
        if new == Status.PUBLISHED and not published_at and "published_at" in self.fields:
            data["published_at"] = published_at = timezone.now()
        if new == Status.WITHDRAWN and not self.instance.pub_date:
            self.add_error("status", "Only a story that has been published can be withdrawn.")
        # The database refuses two stories with one slug on one day (any case); say so kindly first.
        slug, day = data.get("slug"), local_date(published_at)
        if slug and day:
            clash = Article.objects.filter(pub_date=day, slug__iexact=slug).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("slug", f"Another story on {day:%Y-%m-%d} already has this address; change the slug.")
        return data


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


class PhotoUploadField(forms.ImageField):
    """An image field that checks size, format and pixel count before Pillow decodes anything."""

    def to_python(self, data):
        if data is not None and hasattr(data, "size"):
            validate_upload(data)
        return super().to_python(data)


class PhotoForm(forms.ModelForm):
    image = PhotoUploadField(required=False, help_text=Photo._meta.get_field("image").help_text)

    class Meta:
        model = Photo
        fields = ["image", "caption", "credit", "alt_text", "decorative", "position"]


class PhotoFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The story as the form would save it: a published one needs its photos described.
        if self.instance.status != Status.PUBLISHED:
            return
        photos = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            photos.append(
                {
                    "image": bool(data.get("image")),
                    "caption": data.get("caption"),
                    "credit": data.get("credit"),
                    "alt_text": data.get("alt_text"),
                    "decorative": data.get("decorative"),
                }
            )
        problems = workflow.photo_problems(photos)
        if problems:
            raise ValidationError(problems)


class PhotoInline(StoryPartPermissions, admin.StackedInline):
    model = Photo
    form = PhotoForm
    formset = PhotoFormSet
    extra = 0
    fields = [("image", "preview"), "caption", ("credit", "alt_text"), ("decorative", "position")]
    readonly_fields = ["preview"]

    @admin.display(description="preview")
    def preview(self, obj):
        if obj.image:
            return format_html('<img src="{}" alt="" class="desk-thumb">', obj.image.url)
        return "No image file" if obj.pk else "—"


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["article", "date", "kind", "text"]

    def clean(self):
        data = super().clean()
        article = data.get("article") or (self.instance.article if self.instance.article_id else None)
        if article is not None and not self.instance.pk and not article.pub_date:
            raise ValidationError("Corrections are appended to published stories; this one has not been published.")
        return data


class CorrectionInline(admin.TabularInline):
    model = Correction
    form = CorrectionForm
    extra = 0
    fields = ["date", "kind", "text"]
    verbose_name_plural = "corrections and clarifications (shown to readers with the story)"


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
    list_filter = [PublicStateFilter, "status", "kind", ("section", admin.RelatedOnlyFieldListFilter), "published_at"]
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
        ("Publishing", {"fields": ["status", "published_at", "public_state", "view_on_site_link", "history_link"]}),
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
            except EditConflict as conflict:
                response = self.conflict_response(request, conflict)
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
                raise EditConflict(obj, form)
            obj.lock_version = expected
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, Correction) and not instance.pk:
                instance.created_by = request.user
            instance.save()
            if isinstance(instance, Photo):
                try:
                    make_renditions(instance)
                except (OSError, ValueError) as exc:
                    # The upload passed its checks; a picture Pillow still cannot resize is served as it is.
                    logger.warning("No renditions for photo %s: %s", instance.pk, exc)
                    self.message_user(
                        request, f"Photo {instance.pk} is stored, but smaller versions could not be made.", "warning"
                    )
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The revision holds the story as it stands after its bylines and photos were saved.
        reversion.add_to_revision(form.instance)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Created.")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Saved without changes.")
        return entry

    def conflict_response(self, request, conflict):
        theirs = Article.objects.select_related("section").filter(pk=conflict.mine.pk).first()
        if theirs is None:
            self.message_user(request, "This story was deleted while you were editing it.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        mine = conflict.mine
        labels = [
            ("headline", "Headline"),
            ("slug", "Slug"),
            ("dek", "Summary"),
            ("section", "Section"),
            ("kind", "Kind"),
            ("status", "Status"),
            ("published_at", "Publication time"),
        ]
        rows = []
        for name, label in labels:
            old, new = str(getattr(theirs, name) or ""), str(getattr(mine, name) or "")
            rows.append((label, old, new, old != new, revisions.word_diff(old, new)))
        old_body, new_body = revisions.body_text(theirs.body), revisions.body_text(mine.body)
        rows.append(("Body", old_body, new_body, old_body != new_body, revisions.word_diff(old_body, new_body)))
        last = revisions.history(theirs).first()
        # Everything the editor sent, to send again on request with the new version number.
        resend = [
            (key, value)
            for key, values in request.POST.lists()
            if key not in {"csrfmiddlewaretoken", "edit_lock"}
            for value in values
        ] + [("edit_lock", theirs.lock_version)]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Someone else saved this story while you were editing it",
            "theirs": theirs,
            "mine": mine,
            "rows": rows,
            "last_revision": last.revision if last else None,
            "resend": resend,
            "lost_uploads": bool(request.FILES),
            "change_url": reverse("admin:articles_article_change", args=[theirs.pk]),
        }
        return TemplateResponse(request, "admin/articles/article/conflict.html", context, status=409)

    # Removing: a story that was published is unpublished and kept, never deleted.

    def delete_model(self, request, obj):
        if obj.status == Status.PUBLISHED:
            obj.status = Status.DRAFT
            revisions.save_with_revision(obj, request.user, "Removed from the site: unpublished and kept as a draft.")
        elif obj.status == Status.WITHDRAWN:
            pass  # A withdrawn story is the legal record of what was withdrawn: it is kept as it is.
        else:
            obj.delete()

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
        description="Remove the selected stories (published ones are unpublished and kept)", permissions=["delete"]
    )
    def delete_selected(self, request, queryset):
        if not request.POST.get("post"):
            return django_delete_selected(self, request, queryset)  # The confirmation page.
        kept = deleted = 0
        for article in queryset:
            if not workflow.can_edit(request.user, article):
                continue
            if article.status in (Status.PUBLISHED, Status.WITHDRAWN):
                kept += 1
            else:
                deleted += 1
            self.delete_model(request, article)
        self.message_user(
            request,
            f"Deleted {deleted} unpublished stor{'y' if deleted == 1 else 'ies'}; "
            f"kept {kept} that had been published (unpublished, restorable).",
            messages.SUCCESS,
        )
        return None

    # Workflow actions: each records a revision per story.

    @admin.action(description="Submit the selected drafts for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Status.DRAFT):
            if workflow.can_edit(request.user, article):
                article.status = Status.REVIEW
                revisions.save_with_revision(article, request.user, "Submitted for review.")
                count += 1
        self.message_user(request, f"Submitted {count} stor{'y' if count == 1 else 'ies'} for review.")

    @admin.action(description="Publish the selected stories (now, or at their set time)", permissions=["publish"])
    def publish(self, request, queryset):
        now, count = timezone.now(), 0
        for article in queryset.filter(status__in=[Status.DRAFT, Status.REVIEW]).prefetch_related("photos"):
            problems = workflow.stored_photo_problems(article)
            if problems:
                self.message_user(request, f"“{article}” was not published: {' '.join(problems)}", messages.ERROR)
                continue
            article.status = Status.PUBLISHED
            article.published_at = article.published_at or now
            day = local_date(article.published_at)
            if Article.objects.filter(pub_date=day, slug__iexact=article.slug).exclude(pk=article.pk).exists():
                self.message_user(
                    request, f"“{article}” was not published: another story has its address on {day}.", messages.ERROR
                )
                continue
            revisions.save_with_revision(article, request.user, "Published.")
            count += 1
        self.message_user(request, f"Published {count} stor{'y' if count == 1 else 'ies'}.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected stories (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Status.PUBLISHED):
            article.status = Status.DRAFT
            revisions.save_with_revision(article, request.user, "Unpublished.")
            count += 1
        self.message_user(request, f"Unpublished {count} stor{'y' if count == 1 else 'ies'}.", messages.SUCCESS)

    @admin.action(
        description="Withdraw the selected stories (legal: the page answers 410 Gone)", permissions=["withdraw"]
    )
    def withdraw(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Status.PUBLISHED):
            article.status = Status.WITHDRAWN
            revisions.save_with_revision(article, request.user, "Withdrawn for legal reasons.")
            count += 1
        self.message_user(request, f"Withdrew {count} stor{'y' if count == 1 else 'ies'}.", messages.SUCCESS)

    # Columns and links.

    @admin.display(description="on the site")
    def public_state(self, obj):
        return workflow.schedule_label(obj) if obj.pk else "—"

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

    @admin.display(description="history")
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

    def _article_for_history(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request, pk):
        article = self._article_for_history(request, pk)
        versions = list(revisions.history(article))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"History of “{article}”",
            "versions": versions,
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def revision_view(self, request, pk, version_id):
        article = self._article_for_history(request, pk)
        versions = list(revisions.history(article))
        index = next((i for i, v in enumerate(versions) if v.pk == version_id), None)
        if index is None:
            raise Http404("No such version of this story.")
        version = versions[index]
        may_restore = request.user.has_perm("articles.restore_article")
        if request.method == "POST":
            if not may_restore:
                raise PermissionDenied
            try:
                revisions.restore(article, version, request.user)
            except revisions.RestoreError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"Restored the version of {timezone.localtime(version.revision.date_created):%Y-%m-%d %H:%M}; "
                    "the restore is saved as a new version.",
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        snap = revisions.snapshot(version)
        previous = revisions.snapshot(versions[index + 1]) if index + 1 < len(versions) else None
        latest = revisions.snapshot(versions[0])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Version of {timezone.localtime(version.revision.date_created):%Y-%m-%d %H:%M}",
            "version": version,
            "fields": revisions.readable(snap),
            "changes": revisions.compare(previous, snap) if previous else None,
            "from_latest": revisions.compare(snap, latest) if index else None,
            "may_restore": may_restore and index > 0,
        }
        return TemplateResponse(request, "admin/articles/article/revision.html", context)


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


def reverse_preview(obj):
    return reverse("articles:preview", kwargs={"pk": obj.pk})


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "story_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(Count("articles"))

    @admin.display(description="stories", ordering="articles__count")
    def story_count(self, obj):
        return obj.articles__count
