"""Share cards: the 1200×630 picture a link preview shows for a card or an article.

Drawn with Pillow in DejaVu Sans (shipped in ``theme/fonts`` with its licence:
Latin, Greek, Cyrillic and more), with no date or metadata in the PNG, so the
same card is the same bytes in every build. Its path holds the digest of
what it shows: a page names its share card without drawing it, and a changed
title or picture is a new file that no cache in between can mistake for the
old one.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model import Rendition

if TYPE_CHECKING:  # Pillow is imported where a card is drawn: a build that draws none
    from PIL import Image, ImageDraw, ImageFont  # (after an edit) does without its 7 MB

FONTS = Path(__file__).parent.parent / "theme" / "fonts"
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
SIZE = (1200, 630)
PHOTO_WIDTH = 440  # the picture's strip on the right
TEXT_WIDTH = SIZE[0] - 140  # the text's, 70 pixels in from each side (of the strip: 50)
PHOTO_TEXT_WIDTH = SIZE[0] - PHOTO_WIDTH - 120
INK, PAPER, ACCENT = (255, 255, 255), (23, 37, 56), (255, 196, 61)
DRAWING = "share 3"  # changing how cards are drawn changes this, and every card's path
# A card without a picture is drawn in 256 colours: index i of the palette is the paper
# blended i/254 of the way to the ink, and 255 is the accent. Text drawn with index n on
# index 0 then blends exactly as in RGB, and the PNG is written without the per-row filter
# choice of RGB: 7 ms a card instead of 19 ms here, and half the bytes (a large site draws
# thousands of cards).
RAMP = 254
SHADE = 190  # the muted lines: three quarters of the way from paper to ink
PALETTE = [round(p + (i - p) * n / RAMP) for n in range(RAMP + 1)
           for p, i in zip(PAPER, INK, strict=True)] + list(ACCENT)
MUTED = tuple(PALETTE[SHADE * 3:SHADE * 3 + 3])


@dataclass(frozen=True, slots=True)
class ShareCard:
    """What one share card shows, and where it goes."""

    path: str
    key: str
    site: str
    title: str
    line: str
    picture: str  # the output path of the picture size drawn, or ""
    focus: tuple[float, float]


def share_card(folder: str, page_id: str, site: str, title: str, line: str,
               rendition: Rendition | None, focus: tuple[float, float] | None) -> ShareCard:
    """The share card of a page (``folder`` is cards or articles)."""
    picture = ""
    if rendition is not None:
        raster = [v for v in rendition.variants if v.mime in ("image/jpeg", "image/png")]
        # The smallest size at least as wide as the strip (or the largest there is).
        fits = [v for v in raster if v.width >= PHOTO_WIDTH] or raster[-1:]
        picture = fits[0].path if fits else ""
    spot = focus or (0.5, 0.5)
    key = hashlib.blake2b(repr((DRAWING, site, title, line, picture, spot)).encode(),
                          digest_size=8).hexdigest()
    return ShareCard(f"share/{folder}/{page_id}-{key}.png", key, site, title, line, picture,
                     spot)


def draw(card: ShareCard, picture: bytes | None) -> bytes:
    """The card as PNG bytes."""
    from PIL import Image, ImageDraw, ImageOps

    if picture is None:
        # Palette indices, made a palette image below; the accent bar and the site's name
        # are drawn once per site and copied (drawing on a copy gives the same pixels).
        base, y = _plain_base(card.site)
        canvas = base.copy()
        pen = ImageDraw.Draw(canvas)
        ink: int | tuple[int, ...] = RAMP
        muted: int | tuple[int, ...] = SHADE
        width = TEXT_WIDTH
    else:
        canvas = Image.new("RGB", SIZE, PAPER)
        ink, muted = INK, MUTED
        with Image.open(io.BytesIO(picture)) as photo:
            strip = ImageOps.fit(photo.convert("RGB"), (PHOTO_WIDTH, SIZE[1]),
                                 Image.Resampling.LANCZOS, centering=card.focus)
        canvas.paste(strip, (SIZE[0] - PHOTO_WIDTH, 0))
        pen = ImageDraw.Draw(canvas)
        width = PHOTO_TEXT_WIDTH
        y = _head(pen, card.site, width, ACCENT, muted)
    title_font = _font(BOLD, 60 if len(card.title) < 50 else 48)
    y = _lines(pen, card.title, title_font, ink, 70, y, width, 4) + 24
    _lines(pen, card.line, _font(REGULAR, 30), muted, 70, y, width, max(1, (560 - y) // 40))
    if picture is None:
        canvas.putpalette(PALETTE)  # the indices become a palette image, in place
    out = io.BytesIO()
    # No time or text chunk; level 3 compresses the flat colours nearly as well as 6, in half
    # the time.
    canvas.save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()


def _head(pen: ImageDraw.ImageDraw, site: str, width: int, accent: int | tuple[int, ...],
          muted: int | tuple[int, ...]) -> int:
    """The accent bar and the site's name; returns the y below them."""
    pen.rectangle((70, 70, 150, 78), fill=accent)
    return _lines(pen, site, _font(REGULAR, 30), muted, 70, 100, width, 1) + 30


@functools.lru_cache(maxsize=4)
def _plain_base(site: str) -> tuple[Image.Image, int]:
    """A card without a picture before its title: drawn once per site (and thread-safe
    to share: each card draws on a copy)."""
    from PIL import Image, ImageDraw

    canvas = Image.new("L", SIZE, 0)
    return canvas, _head(ImageDraw.Draw(canvas), site, TEXT_WIDTH, RAMP + 1, SHADE)


@functools.lru_cache(maxsize=8)  # a font file is read and parsed once, not three times a card
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS / name), size,
                              layout_engine=ImageFont.Layout.BASIC)


def _lines(pen: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
           colour: int | tuple[int, ...], x: int, y: int, width: int, most: int) -> int:
    """Draw ``text`` wrapped to ``width``, at most ``most`` lines (the last cut with …);
    returns the y below it."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        size = _length(font, line)
        while words and (wider := size + _after(font, line[-1], words[0])) <= width:
            line += " " + words.pop(0)
            size = wider
        if size > width:  # one word longer than the line
            cut = len(line)
            while cut > 1 and pen.textlength(line[:cut], font=font) > width:
                cut -= 1
            words.insert(0, line[cut:])
            line = line[:cut]
        lines.append(line)
    if words and lines:
        last = lines[-1]
        while last and pen.textlength(last + "…", font=font) > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    step = round(font.size * 1.25)
    for line in lines:
        pen.text((x, y), line, font=font, fill=colour)
        y += step
    return y


# A line's length is the sum of its letters' advances and of the kerning of each pair of
# neighbours, in whole 64ths of a pixel: the line with one more word is as long as the line
# and what the word adds after its last letter. Measured once per word, not once per word
# for every longer line (the same words come back from card to card).
@functools.lru_cache(maxsize=1 << 16)
def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    return font.getlength(text)


def _after(font: ImageFont.FreeTypeFont, last: str, word: str) -> float:
    """How much `` word`` adds to a line ending in the letter ``last``."""
    return _length(font, f"{last} {word}") - _length(font, last)
