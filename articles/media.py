"""/media/ on one machine: a file is served only when a public story uses it.

A photo's file and its WebP renditions, and a story's recorded reading, belong to a story; the file
is sent when that story is public (Article.is_public), or to staff who may preview it
(desk.workflow.can_preview). Anything else (a draft's, a scheduled or withdrawn story's, a file no
row names, a name that climbs out of MEDIA_ROOT) is a 404, as if it did not exist.

The check is one indexed query (Photo.image, Article.audio). The bytes are sent by Django's
static file view, or, where MEDIA_ACCEL_REDIRECT is set (deploy/nginx.conf), by nginx from an
internal location named in an `X-Accel-Redirect` header, so no worker streams a file.

In the cluster the media live in an object store that nginx reads directly; there a photo's
unguessable name (models.photo_upload_to) keeps a draft's pictures unseen, and a withdrawn story's
are moved out of the public bucket (newsroom.cluster.tasks.sync_photo_access).
"""

import mimetypes
import posixpath
import re

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.encoding import iri_to_uri
from django.views.decorators.http import require_safe
from django.views.static import serve

from .desk.workflow import can_preview
from .models import Article, Photo

RENDITION = re.compile(r"^renditions/(?P<stem>.+)-(?P<width>[0-9]{1,5})w\.webp$")
# A public story's file may be kept by browsers this long: a story withdrawn later is gone from
# here at once, and from a reader's browser within the hour.
PUBLIC_MAX_AGE = 3600
# What the check reads of a story: whether it is public, and whose it is (a reporter previews their own).
STORY_FIELDS = ("status", "published_at", "created_by")


def stories_using(name):
    """The stories whose photos or recorded reading are stored under `name` (renditions included)."""
    match = RENDITION.match(name)
    if match:
        stem = match["stem"]
        photos = Photo.objects.filter(image__startswith=f"{stem}.")
    else:
        photos = Photo.objects.filter(image=name)
    # (An image's dimension fields are read whenever the image is: they come in the same row.)
    fields = ("image", "width", "height", *(f"article__{field}" for field in STORY_FIELDS))
    photos = photos.select_related("article").only(*fields)
    stories = [photo.article for photo in photos if not match or posixpath.splitext(photo.image.name)[0] == stem]
    if not stories and not match and name.startswith("audio/"):
        stories = list(Article.objects.filter(audio=name).only(*STORY_FIELDS))
    return stories


def may_see(request, stories):
    """Public when any story using the file is; staff see their previews' files too."""
    if any(story.is_public for story in stories):
        return True
    user = request.user
    return user.is_authenticated and user.is_staff and any(can_preview(user, story) for story in stories)


@require_safe
def media(request, path):
    name = posixpath.normpath(path).lstrip("/")
    if name in ("", ".") or name.startswith("..") or "\\" in name:
        raise Http404("No such file.")
    stories = stories_using(name)
    if not may_see(request, stories):
        raise Http404("No such file.")
    public = any(story.is_public for story in stories)
    accel = settings.MEDIA_ACCEL_REDIRECT
    if accel:
        response = HttpResponse(content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")
        response["X-Accel-Redirect"] = iri_to_uri(accel.rstrip("/") + "/" + name)
    else:
        response = serve(request, name, document_root=settings.MEDIA_ROOT)
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
