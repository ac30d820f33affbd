"""Photos: checking an upload before it is stored, and the WebP renditions that pages serve.

Renditions are made once, when a photo is saved in the admin (or by `make_renditions` for photos
that came in another way), never while a reader waits for a page.
"""

import logging
import posixpath
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
RENDITION_WIDTHS = (320, 640, 960, 1280, 1600)
RENDITION_QUALITY = 80


def max_upload_bytes():
    return settings.NEWSROOM.get("PHOTO_MAX_BYTES", 15 * 1024 * 1024)


def max_pixels():
    # A 40-megapixel limit is above any press camera's frame and far below what a crafted
    # "decompression bomb" (a small file that expands to gigabytes) needs.
    return settings.NEWSROOM.get("PHOTO_MAX_PIXELS", 40_000_000)


def validate_upload(upload):
    """Refuse anything but a sound JPEG, PNG, WebP or GIF of reasonable size; say why in plain words."""
    if upload.size > max_upload_bytes():
        raise ValidationError(
            "This file is %(size)s MB; photos may be at most %(limit)s MB. Export a smaller JPEG.",
            code="too_big",
            params={"size": round(upload.size / 1024 / 1024, 1), "limit": max_upload_bytes() // 1024 // 1024},
        )
    upload.seek(0)
    try:
        # Opening reads only the header, so the pixel count is known before anything is decoded.
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            if width * height > max_pixels():
                raise ValidationError(
                    "This image is %(width)s × %(height)s pixels, more than the %(limit)s million allowed.",
                    code="too_many_pixels",
                    params={"width": width, "height": height, "limit": max_pixels() // 1_000_000},
                )
            image.verify()
        # verify() checks the structure only; decoding finds a truncated or corrupt picture. A JPEG is
        # decoded at reduced scale (its DCT allows it), which reads every byte but costs little memory.
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format == "JPEG":
                image.draft("RGB", (RENDITION_WIDTHS[-1], RENDITION_WIDTHS[-1]))
            image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            "This image has far too many pixels to be a photo (at most %(limit)s million are allowed).",
            code="too_many_pixels",
            params={"limit": max_pixels() // 1_000_000},
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "This file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF.", code="invalid_image"
        ) from exc
    finally:
        upload.seek(0)
    if kind not in ALLOWED_FORMATS:
        raise ValidationError(
            "%(kind)s images are not accepted. Upload a JPEG, PNG, WebP or GIF.",
            code="bad_format",
            params={"kind": kind or "This kind of"},
        )


def rendition_name(image_name, width):
    stem = posixpath.splitext(image_name)[0]
    return f"renditions/{stem}-{width}w.webp"


def rendition_srcset(image, widths):
    """`url 320w, url 640w, ...` for the stored renditions of `image`."""
    return ", ".join(f"{image.storage.url(rendition_name(image.name, w))} {w}w" for w in widths)


def make_renditions(photo, *, save=True):
    """Write the WebP renditions of `photo`'s image (those not already there) and record their widths.

    The standard widths narrower than the original are made, and one at the original's own width
    (up to the largest standard width), so that a large screen gets all the detail there is and
    nothing is upscaled. Returns the widths.
    """
    if not photo.image:
        widths = []
    else:
        storage = photo.image.storage
        with storage.open(photo.image.name, "rb") as handle, Image.open(handle) as original:
            full_width, full_height = original.size
            largest = min(full_width, RENDITION_WIDTHS[-1])
            if original.format == "JPEG":
                # Decode at the smallest DCT scale that is still at least the largest rendition:
                # a 24-megapixel JPEG is read at a quarter of its size, several times faster.
                original.draft("RGB", (largest, max(1, full_height * largest // full_width)))
            original.load()
            source = original.convert("RGBA" if original.mode in {"RGBA", "LA", "P"} else "RGB")
        widths = sorted({*(w for w in RENDITION_WIDTHS if w < full_width), largest})
        # Each size is made from the largest rendition rather than from the full picture: the same
        # sharpness at a fraction of the work.
        base = source.resize((largest, max(1, round(full_height * largest / full_width))), Image.Resampling.LANCZOS)
        for width in widths:
            name = rendition_name(photo.image.name, width)
            if storage.exists(name):
                continue
            height = max(1, round(full_height * width / full_width))
            resized = base if width == largest else base.resize((width, height), Image.Resampling.LANCZOS)
            buffer = BytesIO()
            resized.save(buffer, "WEBP", quality=RENDITION_QUALITY, method=4)
            storage.save(name, ContentFile(buffer.getvalue()))
    if photo.renditions != widths:
        photo.renditions = widths
        if save and photo.pk:
            type(photo).objects.filter(pk=photo.pk).update(renditions=widths)
            # update() sends no signal: pages that show the photo get its new sizes now.
            from newsroom import invalidation

            invalidation.site_changed()
    return widths


def stored_files(name, widths=()):
    """The file `name` and every rendition of it that may be stored: the widths recorded, and the
    standard ones (a rendition written before its width was recorded)."""
    return [name, *(rendition_name(name, width) for width in sorted({*widths, *RENDITION_WIDTHS}))]


def remove_files(storage, name, widths=()):
    """Delete a photo's file and its renditions, unless a photo still uses the file (the demo's
    pictures are shared; a revision restored puts a name back). Returns the names deleted."""
    from .models import Photo

    if not name or Photo.objects.filter(image=name).exists():
        return []
    removed = []
    for stored in stored_files(name, widths):
        try:
            if storage.exists(stored):
                storage.delete(stored)
                removed.append(stored)
        except Exception:  # an object store briefly away must not undo the editor's save
            logger.warning("Could not remove %s from storage", stored, exc_info=True)
    return removed


def remove_files_on_commit(storage, name, widths=()):
    if name:
        transaction.on_commit(lambda: remove_files(storage, name, list(widths)))


@receiver(post_save, sender="articles.Photo", dispatch_uid="articles.photos.remove_replaced")
def remove_replaced_files(sender, instance, **kwargs):
    """A photo whose image was replaced: the old file and its renditions go once the save commits."""
    before = getattr(instance, "_stored_image", None)
    if before is not None:
        name, widths = before
        if name and name != instance.image.name:
            remove_files_on_commit(instance.image.storage, name, widths)
    instance._stored_image = (instance.image.name or "", list(instance.renditions or []))


@receiver(post_delete, sender="articles.Photo", dispatch_uid="articles.photos.remove_deleted")
def remove_deleted_files(sender, instance, **kwargs):
    """A photo deleted (alone, or with its story): its file and renditions go once the delete commits."""
    name, widths = getattr(instance, "_stored_image", None) or (instance.image.name, [])
    remove_files_on_commit(instance.image.storage, name, {*widths, *(instance.renditions or [])})
