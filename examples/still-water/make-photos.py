#!/usr/bin/env python3
# Draws the example photos (run in this folder; needs Pillow). They are invented
# scenes, drawn procedurally, so the examples ship only what galley's authors made.
# Procedural "photos" for the invented Still Water series.
import random, math
from PIL import Image, ImageDraw, ImageFilter

def sky(d, w, h, top, bottom, horizon):
    d.rectangle([0, horizon, w, h], fill=bottom)
    for y in range(horizon):
        t = y / max(1, horizon - 1)
        c = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        d.line([(0, y), (w, y)], fill=c)

def hills(d, w, base, amp, color, seed, step=8):
    r = random.Random(seed)
    phase = r.random() * 6
    pts = [(0, base)]
    for x in range(0, w + step, step):
        y = base - amp * (0.6 * math.sin(x / w * 5 + phase) + 0.4 * math.sin(x / w * 13 + phase * 2)) - r.random() * amp * 0.08
        pts.append((x, y))
    pts += [(w, base + 2000), (0, base + 2000)]
    d.polygon(pts, fill=color)

def grain(img, seed, amount=10):
    r = random.Random(seed)
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 6):
        x, y = r.randrange(w), r.randrange(h)
        p = px[x, y]
        n = r.randint(-amount, amount)
        px[x, y] = tuple(max(0, min(255, v + n)) for v in p)
    return img

def church(w, h, seed):
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    hz = int(h * 0.45)
    sky(d, w, h, (120, 160, 200), (235, 215, 180), hz)
    hills(d, w, hz + 20, 90, (110, 120, 95), seed)
    # cracked, dry reservoir bed
    d.rectangle([0, hz + 60, w, h], fill=(176, 150, 112))
    r = random.Random(seed)
    for _ in range(420):
        x, y = r.randrange(w), r.randrange(hz + 70, h)
        d.line([(x, y), (x + r.randint(-60, 60), y + r.randint(-30, 30))], fill=(130, 108, 80), width=2)
    # the drowned church: nave, tower, roofless
    cx, base = int(w * 0.58), int(h * 0.72)
    d.rectangle([cx - 220, base - 180, cx + 120, base], fill=(150, 140, 128))
    d.rectangle([cx + 120, base - 330, cx + 220, base], fill=(140, 130, 118))
    d.polygon([(cx + 110, base - 330), (cx + 170, base - 420), (cx + 230, base - 330)], fill=(95, 88, 80))
    for i in range(4):
        x = cx - 190 + i * 80
        d.rectangle([x, base - 140, x + 36, base - 70], fill=(60, 55, 50))
    d.rectangle([cx + 150, base - 280, cx + 190, base - 220], fill=(60, 55, 50))
    # a small figure for scale
    d.ellipse([cx - 420, base - 70, cx - 404, base - 54], fill=(40, 40, 45))
    d.rectangle([cx - 422, base - 54, cx - 402, base], fill=(45, 60, 90))
    return grain(img.filter(ImageFilter.GaussianBlur(1.2)), seed)

def shore(w, h, seed, boat=False, figures=2):
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    hz = int(h * 0.4)
    sky(d, w, h, (90, 130, 180), (220, 225, 230), hz)
    hills(d, w, hz + 10, 120, (80, 100, 80), seed)
    hills(d, w, hz + 60, 50, (100, 115, 85), seed + 1)
    # low water with a wide bare band above it
    d.rectangle([0, int(h * 0.62), w, h], fill=(70, 100, 120))
    d.rectangle([0, int(h * 0.55), w, int(h * 0.62)], fill=(190, 170, 135))
    r = random.Random(seed)
    for _ in range(300):
        y = r.randrange(int(h * 0.62), h)
        x = r.randrange(w)
        d.line([(x, y), (x + r.randint(20, 90), y)], fill=(110, 140, 160), width=1)
    if boat:
        bx, by = int(w * 0.3), int(h * 0.66)
        d.polygon([(bx, by), (bx + 420, by), (bx + 380, by + 60), (bx + 30, by + 60)], fill=(120, 60, 40))
        d.rectangle([bx + 150, by - 80, bx + 260, by], fill=(200, 195, 180))
    for i in range(figures):
        fx, fy = int(w * (0.6 + 0.08 * i)), int(h * 0.58)
        d.ellipse([fx, fy - 60, fx + 18, fy - 42], fill=(50, 40, 35))
        d.rectangle([fx - 2, fy - 42, fx + 20, fy + 10], fill=(150, 50, 40) if i % 2 else (40, 60, 100))
    return grain(img.filter(ImageFilter.GaussianBlur(1.0)), seed)

# Drawn at 1600 px and enlarged, so that a photo run deeper or wider on a
# short story's page still holds 200 ppi.
def big(img):
    return img.resize((img.width * 3 // 2, img.height * 3 // 2), Image.LANCZOS)

big(church(1600, 1067, 1)).save("media/day1-church.jpg", quality=86, optimize=True)
big(shore(1600, 1067, 2, figures=3)).save("day2.jpg", quality=86, optimize=True)
# A palette PNG keeps the lossless example small.
big(shore(1200, 800, 3, boat=True, figures=1)).quantize(48).save("media/day3-barge.png", optimize=True)
big(church(1600, 1067, 4).transpose(Image.FLIP_LEFT_RIGHT)).save("day4.jpg", quality=86, optimize=True)
