"""Pictures for the demo stories, drawn with Pillow from a short description in stories.json.

Each picture is a two-colour gradient, a simple motif that suggests the scene (a skyline, a dome,
waves, lanterns...) and a label naming the place, marked as an illustration so that nobody takes it
for a photograph. Drawing is deterministic: the same description always gives the same picture.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 1200, 800
MOTIFS = ("skyline", "dome", "bars", "waves", "circles", "mountains", "field", "lanterns", "grid")


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(top, bottom):
    """A diagonal gradient from `top` (upper left) to `bottom` (lower right)."""
    down = Image.linear_gradient("L").resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR)
    across = Image.linear_gradient("L").rotate(90).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    ramp = Image.blend(down, across.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR), 0.5)
    return Image.composite(Image.new("RGB", (WIDTH, HEIGHT), bottom), Image.new("RGB", (WIDTH, HEIGHT), top), ramp)


def _skyline(draw, rng, dark, light):
    x = -20
    while x < WIDTH:
        w = rng.randint(60, 140)
        h = rng.randint(180, 520)
        draw.rectangle([x, HEIGHT - h, x + w, HEIGHT], fill=(*dark, 215))
        for wy in range(HEIGHT - h + 20, HEIGHT - 30, 34):
            for wx in range(x + 12, x + w - 14, 24):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 10, wy + 16], fill=(*light, 170))
        x += w + rng.randint(4, 18)


def _dome(draw, rng, dark, light):
    cx, base = WIDTH // 2, HEIGHT - 150
    draw.rectangle([cx - 420, base - 190, cx + 420, base], fill=(*dark, 200))
    for i in range(9):
        x = cx - 360 + i * 90
        draw.rectangle([x, base - 170, x + 26, base - 10], fill=(*light, 150))
    draw.rectangle([cx - 460, base - 215, cx + 460, base - 190], fill=(*dark, 230))
    draw.pieslice([cx - 250, base - 430, cx + 250, base - 30], 180, 360, fill=(*light, 200))
    draw.rectangle([cx - 480, base, cx + 480, base + 40], fill=(*dark, 230))


def _bars(draw, rng, dark, light):
    n, left, gap = 12, 90, 18
    width = (WIDTH - 2 * left - gap * (n - 1)) // n
    level, points = 0.25, []
    for i in range(n):
        level = min(0.85, max(0.12, level + rng.uniform(-0.08, 0.14)))
        h = int(level * (HEIGHT - 160))
        x = left + i * (width + gap)
        draw.rectangle([x, HEIGHT - 60 - h, x + width, HEIGHT - 60], fill=(*light, 120 + i * 8))
        points.append((x + width // 2, HEIGHT - 60 - h - 40))
    draw.line(points, fill=(*dark, 230), width=8, joint="curve")
    for px, py in points:
        draw.ellipse([px - 9, py - 9, px + 9, py + 9], fill=(*dark, 255))


def _waves(draw, rng, dark, light):
    for band in range(7):
        base = 250 + band * 80
        amp, freq, phase = rng.randint(14, 34), rng.uniform(1.5, 3.5), rng.uniform(0, math.tau)
        top = [(x, base + amp * math.sin(freq * x / WIDTH * math.tau + phase)) for x in range(0, WIDTH + 20, 20)]
        colour = _mix(light, dark, band / 6)
        draw.polygon([*top, (WIDTH, HEIGHT), (0, HEIGHT)], fill=(*colour, 150))


def _circles(draw, rng, dark, light):
    for _ in range(14):
        r = rng.randint(60, 230)
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        colour = light if rng.random() < 0.6 else dark
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(*colour, rng.randint(50, 120)))


def _mountains(draw, rng, dark, light):
    for layer in range(4):
        base = 330 + layer * 110
        points, x = [(0, HEIGHT)], 0
        while x <= WIDTH:
            points.append((x, base - rng.randint(40, 210)))
            x += rng.randint(120, 260)
        points += [(WIDTH, base - 80), (WIDTH, HEIGHT)]
        draw.polygon(points, fill=(*_mix(light, dark, layer / 3), 170 + layer * 20))
    draw.ellipse([WIDTH - 300, 90, WIDTH - 180, 210], fill=(*light, 220))


def _field(draw, rng, dark, light):
    draw.rectangle([0, HEIGHT // 2, WIDTH, HEIGHT], fill=(*dark, 120))
    for lane in range(8):
        y = HEIGHT // 2 + 30 + lane * 45
        draw.line([(0, y + lane * 12), (WIDTH, y - 40)], fill=(*light, 200), width=4)
    draw.rectangle([WIDTH - 330, HEIGHT // 2 - 260, WIDTH - 310, HEIGHT - 40], fill=(*light, 230))
    draw.rectangle([WIDTH - 330, HEIGHT // 2 - 260, WIDTH - 170, HEIGHT // 2 - 200], fill=(*light, 230))


def _lanterns(draw, rng, dark, light):
    for _ in range(11):
        x, y, r = rng.randint(60, WIDTH - 60), rng.randint(120, HEIGHT - 220), rng.randint(30, 70)
        draw.line([(x, 0), (x, y - r)], fill=(*light, 90), width=2)
        for halo in (2.6, 1.9, 1.4):
            hr = int(r * halo)
            draw.ellipse([x - hr, y - hr, x + hr, y + hr], fill=(*light, 28))
        draw.ellipse([x - r, y - int(r * 1.2), x + r, y + int(r * 1.2)], fill=(*light, 225))
        draw.rectangle([x - r // 3, y + int(r * 1.2) - 4, x + r // 3, y + int(r * 1.2) + 10], fill=(*dark, 230))


def _grid(draw, rng, dark, light):
    size, gap = 92, 26
    for row in range(-1, HEIGHT // (size + gap) + 1):
        for col in range(WIDTH // (size + gap) + 1):
            x, y = 40 + col * (size + gap), 30 + row * (size + gap)
            alpha = rng.choice((60, 110, 170, 220))
            draw.rounded_rectangle([x, y, x + size, y + size], radius=18, fill=(*light, alpha))
            draw.rounded_rectangle([x + 24, y + 24, x + size - 24, y + size - 24], radius=8, fill=(*dark, 140))


DRAW = {name: globals()[f"_{name}"] for name in MOTIFS}


def _font(size):
    # Pillow ships a scalable font of its own, so no system font is needed.
    return ImageFont.load_default(size=size)


def render(art, seed):
    """JPEG bytes of the picture described by `art` ({motif, colors, label}); `seed` fixes the layout."""
    motif = art.get("motif", "circles")
    if motif not in DRAW:
        raise ValueError(f"unknown motif {motif!r}; use one of {', '.join(MOTIFS)}")
    top, bottom = (_rgb(c) for c in art["colors"])
    dark, light = _mix(top, (0, 0, 0), 0.45), _mix(bottom, (255, 255, 255), 0.55)
    picture = _gradient(top, bottom).convert("RGBA")
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    DRAW[motif](ImageDraw.Draw(layer), random.Random(seed), dark, light)
    picture = Image.alpha_composite(picture, layer.filter(ImageFilter.GaussianBlur(0.8)))

    draw = ImageDraw.Draw(picture)
    label, note = art.get("label", ""), "Newsroom demo illustration"
    label_font, note_font = _font(44), _font(22)
    box_w = max(draw.textlength(label, font=label_font), draw.textlength(note, font=note_font)) + 56
    band = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    ImageDraw.Draw(band).rectangle([0, HEIGHT - 124, box_w, HEIGHT - 24], fill=(12, 12, 16, 175))
    picture = Image.alpha_composite(picture, band)
    draw = ImageDraw.Draw(picture)
    draw.text((28, HEIGHT - 114), label, font=label_font, fill=(255, 255, 255, 255))
    draw.text((28, HEIGHT - 60), note, font=note_font, fill=(225, 225, 225, 255))

    out = io.BytesIO()
    picture.convert("RGB").save(out, "JPEG", quality=84, optimize=True, progressive=True)
    return out.getvalue()
