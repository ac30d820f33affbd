"""The desk's forms: the story with its body editor, its photos and its corrections."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from ..audio import validate_audio
from ..models import Article, Correction, Photo
from ..photos import validate_upload
from ..sanitize import ALLOWED_TAGS, URL_SCHEMES
from . import actions, workflow

Status = Article.Status

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


# The story form's buttons beside Save, each the status it saves the story with.
WORKFLOW_BUTTONS = {
    "_submit_for_review": (_("Submit for review"), Status.REVIEW),
    "_publish_now": (_("Publish now"), Status.PUBLISHED),
}


class ArticleForm(forms.ModelForm):
    # The story's lock_version when the form was opened; the save is refused if it has moved on.
    edit_lock = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": "This form is out of date: reload the page and make your change again."},
    )
    body = ProseEditorFormField(config=body_editor_config(), help_text=Article._meta.get_field("body").help_text)
    body_ko = ProseEditorFormField(
        config=body_editor_config(),
        required=False,
        label=Article._meta.get_field("body_ko").verbose_name.capitalize(),
        help_text=Article._meta.get_field("body_ko").help_text,
    )

    # Set per request by ArticleAdmin.get_form.
    user = None

    class Media:
        # The body editor's helpers go with the form, so only the story form's pages (whose CSP
        # allows the empty <style> desk-editor.js puts in place) load them, not the list or delete pages.
        css = {"all": ["css/desk-editor.css"]}
        js = ["js/desk-editor.js"]

    class Meta:
        model = Article
        fields = [
            *("headline", "slug", "dek", "section", "kind", "body", "status", "published_at", "legacy_id"),
            "time_known",
            *("headline_ko", "dek_ko", "body_ko", "ko_unaligned"),
            "audio",
        ]
        # Sized for what they hold (desk.css): a headline's width, a dek of a sentence or two.
        widgets = {
            "headline": forms.TextInput(attrs={"class": "desk-headline"}),
            "dek": forms.Textarea(attrs={"class": "desk-dek", "rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_lock"].initial = self.instance.lock_version if self.instance.pk else 0
        if "slug" in self.fields:
            # Left empty, the slug is made from the headline on save.
            self.fields["slug"].required = False
        current = self.instance.status if self.instance.pk else None
        if "status" in self.fields:
            allowed = workflow.allowed_statuses(self.user, current)
            self.fields["status"].choices = [(s.value, s.label) for s in workflow.STATUS_ORDER if s in allowed]

    def buttons(self):
        """The workflow buttons this form offers its user: (name, label) of each."""
        current = self.instance.status if self.instance.pk else None
        allowed = workflow.allowed_statuses(self.user, current)
        if current not in (None, Status.DRAFT, Status.REVIEW):
            return []
        return [
            (name, label)
            for name, (label, status) in WORKFLOW_BUTTONS.items()
            if status in allowed and status != current
        ]

    def clean_audio(self):
        audio = self.cleaned_data.get("audio")
        if isinstance(audio, UploadedFile):
            # Checked like a photo: by its bytes, not its name; its length is kept for the audio feed.
            self.instance.audio_seconds = validate_audio(audio)
        elif not audio:
            self.instance.audio_seconds = None
        return audio

    def clean(self):
        data = super().clean()
        current = self.instance.status if self.instance.pk else None
        new = data.get("status", current or Status.DRAFT)
        published_at = data.get("published_at", self.instance.published_at)
        pressed = next((status for name, (_, status) in WORKFLOW_BUTTONS.items() if name in self.data), None)
        if pressed is not None:
            data["status"] = new = pressed
            if pressed == Status.PUBLISHED and not (published_at and published_at <= timezone.now()):
                # "Now" unless the story already went out once: unpublished and put back, it keeps its date.
                published_at = timezone.now()
        if "published_at" in self.fields:
            data["published_at"] = published_at = workflow.publication_time(new, published_at)
        if new is not None:
            try:
                actions.check(self.instance, self.user, new, published_at=published_at, slug=data.get("slug"))
            except actions.DeskError as error:
                self.add_error(None, error)
        return data


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
        photos = [
            form.cleaned_data
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        problems = workflow.photo_problems(photos)
        if problems:
            raise ValidationError(problems)


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
