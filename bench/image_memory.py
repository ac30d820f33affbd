"""How much memory a worker takes to check an upload and make its renditions, for nasty but legal pictures.

Run: DEBUG=1 .venv/bin/python bench/image_memory.py [--before REV]
Makes the pictures (a flat 40-megapixel RGBA PNG of about 150 KB, a 24-megapixel RGBA PNG, a
24-megapixel JPEG, a 16-bit grey PNG, a palette PNG, an animated GIF and an animated WebP) and
measures, each in a fresh process, the growth of the peak resident set while
`validate_upload` (the desk's upload check) and `make_renditions` run: with articles/photos.py as
it was at REV (default: the commit before the memory budget), and as it is now (on Linux the peak is
VmHWM, reset before each stage). "refused" is the
budget (PHOTO_MAX_DECODED_BYTES) at work; the last column lifts the budget to show what reducing
on load alone costs.
"""

import argparse
import importlib.util
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "1")

BEFORE = "9c051cd"  # main before the decoding budget


def pictures(folder):
    """(label, file) for each nasty picture, written into `folder`."""
    from PIL import Image, ImageFilter

    def save(name, image, kind, **options):
        path = folder / name
        image.save(path, kind, **options)
        image.close()
        return path

    def photo_like(width, height):
        noise = Image.effect_noise((width // 8, height // 8), 90).convert("RGB")
        return noise.resize((width, height), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))

    def frames(width, height, count):
        return [Image.new("RGB", (width, height), (40 * n, 90, 200 - 30 * n)) for n in range(count)]

    made = [
        ("flat RGBA PNG 8000×5000", save("flat.png", Image.new("RGBA", (8000, 5000), (20, 40, 60, 255)), "PNG")),
        ("flat RGBA PNG 6000×4000", save("flat24.png", Image.new("RGBA", (6000, 4000), (20, 40, 60, 255)), "PNG")),
        ("photo JPEG 6000×4000", save("photo.jpg", photo_like(6000, 4000), "JPEG", quality=90)),
        ("16-bit grey PNG 6000×4000", save("grey16.png", Image.new("I;16", (6000, 4000), 30000), "PNG")),
        ("palette PNG 6000×4000", save("palette.png", photo_like(6000, 4000).quantize(64), "PNG")),
    ]
    gif = frames(3000, 2000, 4)
    gif[0].save(folder / "animated.gif", "GIF", save_all=True, append_images=gif[1:], duration=200, loop=0)
    webp = frames(3000, 2000, 4)
    webp[0].save(folder / "animated.webp", "WEBP", save_all=True, append_images=webp[1:], duration=200)
    made.append(("animated GIF 3000×2000 ×4", folder / "animated.gif"))
    made.append(("animated WebP 3000×2000 ×4", folder / "animated.webp"))
    return made


def child(photos_file, picture, stage, budget):
    """Print the peak-RSS growth in MB of one stage on one picture (run in a fresh process)."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.models import Photo

    spec = importlib.util.spec_from_file_location("photos_under_test", photos_file)
    photos = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(photos)
    if budget:
        settings.NEWSROOM = {**settings.NEWSROOM, "PHOTO_MAX_DECODED_BYTES": int(budget)}
    picture = Path(picture)
    content = picture.read_bytes()
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        photo = Photo()
        photo.image.save(picture.name, ContentFile(content), save=False)
        upload = SimpleUploadedFile(picture.name, content)
        start = peak_reset()
        try:
            if stage == "check":
                photos.validate_upload(upload)
            else:
                photos.make_renditions(photo, save=False)
        except (ValidationError, ValueError):
            print("refused")
            return
        growth = peak_since(start)
    print(f"{growth / 1024:.0f} MB")


def peak_reset():
    """Start measuring the peak from now; return the baseline in KB.

    ru_maxrss alone will not do: a child starts with its parent's peak (Linux keeps it across
    fork and exec). On Linux the peak of this process is reset (clear_refs) and read from VmHWM.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status("VmRSS")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_since(start):
    try:
        return _status("VmHWM") - start
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start


def _status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise OSError(field)


def measure(photos_file, picture, stage, budget=""):
    command = [sys.executable, __file__, "--child", str(photos_file), str(picture), stage, budget]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="the git revision to compare with")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        before = folder / "photos_before.py"
        old = subprocess.check_output(["git", "-C", str(ROOT), "show", f"{args.before}:articles/photos.py"])
        before.write_bytes(old)
        after = ROOT / "articles" / "photos.py"
        print("Peak RSS growth, MB (upload check / renditions).")
        print(f"{'picture':<28} {'file':>9}  {'before':>15}  {'now':>17}  {'now, no budget':>15}")
        for label, path in pictures(folder):
            size = f"{path.stat().st_size / 1024:,.0f} KB"
            then = f"{measure(before, path, 'check')} / {measure(before, path, 'renditions')}"
            now = f"{measure(after, path, 'check')} / {measure(after, path, 'renditions')}"
            lifted = measure(after, path, "renditions", str(10**12))
            print(f"{label:<28} {size:>9}  {then:>15}  {now:>17}  {lifted:>15}")


if __name__ == "__main__":
    main()
