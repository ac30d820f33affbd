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


def max_decoded_bytes():
    # The memory a picture takes once decoded, which is what a worker pays (the file's size says
    # nothing: a flat 40-megapixel PNG is 150 KB on disk and 160 MB decoded). 100 MiB admits a
    # 24-megapixel frame (6000 × 4000, the largest common press camera) as a PNG or GIF, even with
    # transparency (96 MB); a JPEG is decoded at reduced scale and costs far less; a WebP, which
    # costs 16 bytes a pixel, up to about 6.5 megapixels.
    return settings.NEWSROOM.get("PHOTO_MAX_DECODED_BYTES", 100 * 1024 * 1024)


class ImageTooLarge(ValueError):
    """A picture that would take more memory to decode than PHOTO_MAX_DECODED_BYTES allows."""

    def __init__(self, needed):
        self.needed = needed
        super().__init__(
            f"decoding would take {needed / 1024 / 1024:.0f} MB, over the limit of "
            f"{max_decoded_bytes() / 1024 / 1024:.0f} MB (NEWSROOM['PHOTO_MAX_DECODED_BYTES'])"
        )


def _prepare_decoding(image):
    """Ask the decoder for no more than renditions need (a JPEG's DCT scaling); return the full size.

    After this, `image.size` and `image.mode` are what `load()` will decode, still without decoding.
    """
    full_size = image.size
    if image.format == "JPEG":
        width, height = full_size
        largest = min(width, RENDITION_WIDTHS[-1])
        image.draft("RGB", (largest, max(1, height * largest // width)))
    return full_size


def decoded_bytes(image):
    """The bytes `image.load()` will allocate, from the header alone: width × height × bytes per pixel.

    Bilevel, grey and palette pictures take 1 byte a pixel, 16-bit grey 2; Pillow stores every other
    pixel (32-bit grey, and every mode of more than one band: LA, RGB, RGBA, CMYK) in 4 bytes. A WebP
    takes 16.
    """
    width, height = image.size
    if image.format == "WEBP":
        # Pillow decodes every WebP, still or animated, through libwebp's animation decoder, which
        # holds an RGBA canvas and copies of it: 16 bytes a pixel, measured (bench/image_memory.py).
        return width * height * 16
    per_pixel = 1 if image.mode in {"1", "L", "P"} else 2 if image.mode.startswith("I;16") else 4
    return width * height * per_pixel


def check_decoded_size(image):
    """Raise ImageTooLarge when `image` (prepared by _prepare_decoding) would exceed the memory budget."""
    needed = decoded_bytes(image)
    if needed > max_decoded_bytes():
        raise ImageTooLarge(needed)


def _too_large_error(needed, width, height):
    return ValidationError(
        "This image is %(width)s × %(height)s pixels and would take %(needed)s MB of memory to open; the limit "
        "is %(limit)s MB. Save it at most 1,600 pixels wide (the largest size pages show), or as a JPEG.",
        code="too_much_memory",
        params={
            "width": width,
            "height": height,
            "needed": round(needed / 1024 / 1024),
            "limit": round(max_decoded_bytes() / 1024 / 1024),
        },
    )


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
        # verify() checks the structure only; decoding finds a truncated or corrupt picture. It decodes
        # what make_renditions will (a JPEG at reduced scale), under the same memory budget.
        upload.seek(0)
        with Image.open(upload) as image:
            _prepare_decoding(image)
            try:
                check_decoded_size(image)
            except ImageTooLarge as exc:
                raise _too_large_error(exc.needed, width, height) from exc
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
    nothing is upscaled. Returns the widths. A picture over the memory budget (one that did not come
    through the desk's upload check) raises ImageTooLarge before it is decoded.
    """
    if not photo.image:
        widths = []
    else:
        storage = photo.image.storage
        with storage.open(photo.image.name, "rb") as handle, Image.open(handle) as original:
            full_width, full_height = _prepare_decoding(original)
            check_decoded_size(original)
            largest = min(full_width, RENDITION_WIDTHS[-1])
            size = (largest, max(1, round(full_height * largest / full_width)))
            original.load()
            # Each size is made from the largest rendition rather than from the full picture: the
            # same sharpness at a fraction of the work. Only the decoded picture and this one are held.
            base = _display_copy(original, size)
        widths = sorted({*(w for w in RENDITION_WIDTHS if w < full_width), largest})
        with base:
            for width in widths:
                name = rendition_name(photo.image.name, width)
                if storage.exists(name):
                    continue
                height = max(1, round(full_height * width / full_width))
                resized = base if width == largest else base.resize((width, height), Image.Resampling.LANCZOS)
                buffer = BytesIO()
                resized.save(buffer, "WEBP", quality=RENDITION_QUALITY, method=4)
                if resized is not base:
                    resized.close()
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


# A whole-factor box reduction first, to within this ratio of the size, then LANCZOS for the rest
# (what Pillow's `reducing_gap` does). Measured on a 24-megapixel photo-like picture: 0.6 levels of
# 255 from LANCZOS on the full picture at 1.5, 8 at 1.0; 2.0 would often leave the full picture to
# resample (a 6000-pixel-wide one), as large again as the decoded picture.
REDUCING_GAP = 1.5
# Rows converted at a time: the full picture is never held twice (once as decoded, once as RGB).
STRIP_BYTES = 8 * 1024 * 1024


def _display_copy(original, size):
    """`original` (loaded) as RGB or RGBA at `size`, reduced strip by strip from the decoded picture.

    The mode is converted a strip at a time, before the box reduction, so memory beyond the decoded
    picture stays near the size of the result: converting a 40-megapixel palette picture to RGBA
    whole would take 160 MB more.
    """
    width, height = original.size
    factor = max(1, int(min(width / (size[0] * REDUCING_GAP), height / (size[1] * REDUCING_GAP))))
    mode = "RGBA" if "A" in original.getbands() or "transparency" in original.info else "RGB"
    if factor == 1 and original.mode == mode:
        return original.resize(size, Image.Resampling.LANCZOS)
    reduced = Image.new(mode, (-(-width // factor), -(-height // factor)))
    rows = max(factor, STRIP_BYTES // (width * 4) // factor * factor)
    for top in range(0, height, rows):
        strip = _as_display_mode(original.crop((0, top, width, min(height, top + rows))), mode)
        if factor > 1:
            strip = strip.reduce(factor)
        reduced.paste(strip, (0, top // factor))
        strip.close()
    if reduced.size == size:
        return reduced
    with reduced:
        return reduced.resize(size, Image.Resampling.LANCZOS)


def _as_display_mode(strip, mode):
    if strip.mode.startswith("I;16"):
        # 16-bit grey: scaled to 8 bits (convert() would clip every value over 255 to white).
        strip = strip.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    return strip if strip.mode == mode else strip.convert(mode)
