"""How long making a photo's WebP renditions takes, and how many bytes a reader saves.

Run: DEBUG=1 .venv/bin/python bench/renditions.py
Prints, for camera-sized JPEGs, the time make_renditions takes (it runs once, when the photo is
saved in the admin) and the size of each rendition against the original.
"""

import os
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import FileSystemStorage  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from articles.models import Photo  # noqa: E402
from articles.photos import make_renditions, rendition_name  # noqa: E402


def photo_like(width, height):
    """Noise blurred into soft shapes: compresses like a photograph, unlike a flat colour."""
    noise = Image.effect_noise((width // 8, height // 8), 90).convert("RGB")
    return noise.resize((width, height), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))


def main():
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        storage = FileSystemStorage(location=media)
        print(f"{'original':>12} {'bytes':>10} {'make (s)':>9}  renditions (width: bytes)")
        for width, height in [(1600, 1067), (3000, 2000), (6000, 4000)]:
            buffer = BytesIO()
            photo_like(width, height).save(buffer, "JPEG", quality=90)
            name = storage.save(f"photos/bench-{width}.jpg", ContentFile(buffer.getvalue()))
            photo = Photo(image=name)
            photo.image.storage = storage
            start = time.perf_counter()
            widths = make_renditions(photo, save=False)
            elapsed = time.perf_counter() - start
            sizes = ", ".join(f"{w}: {storage.size(rendition_name(name, w)):,}" for w in widths)
            print(f"{width:>5}×{height:<6} {len(buffer.getvalue()):>10,} {elapsed:>9.2f}  {sizes}")


if __name__ == "__main__":
    main()
