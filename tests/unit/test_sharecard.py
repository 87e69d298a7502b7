"""Share cards: the line breaks measured word by word are those of measuring whole lines,
and a card drawn on the copy of its site's head is the card drawn from a blank canvas."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

from generator.render import sharecard
from generator.render.sharecard import BOLD, REGULAR, SIZE, ShareCard, _after, _font, _length

WORDS = ["Paris", "AVATAR", "Wavy", "L’Y", "T.", "Y,", "“Quoted,”", "fi", "Ærøskøbing", "Τάτα",
         "Москва", "Zelenskyy’s", "backstop", "7.", "WAVE", "AV", "Ty", "V", "—", "US-led"]


def test_a_line_and_a_word_measure_as_the_line_with_the_word() -> None:
    pen = ImageDraw.Draw(Image.new("L", (8, 8)))
    rnd = random.Random(13)
    for font in (_font(BOLD, 60), _font(BOLD, 48), _font(REGULAR, 30)):
        for _ in range(300):
            line = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 8)))
            word = rnd.choice(WORDS)
            assert _length(font, line) + _after(font, line[-1], word) == pen.textlength(
                f"{line} {word}", font=font), (line, word)


def _reference(card: ShareCard) -> bytes:
    """The card drawn the plain way: blank canvas, every line measured whole."""
    canvas = Image.new("L", SIZE, 0)
    pen = ImageDraw.Draw(canvas)
    pen.rectangle((70, 70, 150, 78), fill=sharecard.RAMP + 1)
    y = 100
    for text, font, fill, most in ((card.site, _font(REGULAR, 30), sharecard.SHADE, 1),
                                   (card.title, _font(BOLD, 60 if len(card.title) < 50 else 48),
                                    sharecard.RAMP, 4),
                                   (card.line, _font(REGULAR, 30), sharecard.SHADE, 0)):
        words, lines = text.split(), []
        most = most or max(1, (560 - y) // 40)
        while words and len(lines) < most:
            line = words.pop(0)
            while words and pen.textlength(f"{line} {words[0]}", font=font) <= SIZE[0] - 140:
                line += " " + words.pop(0)
            lines.append(line)
        if words and lines:
            last = lines[-1]
            while last and pen.textlength(last + "…", font=font) > SIZE[0] - 140:
                last = last[:-1].rstrip()
            lines[-1] = last + "…"
        for line in lines:
            pen.text((70, y), line, font=font, fill=fill)
            y += round(font.size * 1.25)
        y += 30 if text is card.site else 24
    image = Image.frombytes("P", SIZE, canvas.tobytes())
    image.putpalette(sharecard.PALETTE)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()


def test_cards_are_drawn_as_the_plain_way_draws_them() -> None:
    rnd = random.Random(7)
    for n in range(12):
        card = sharecard.share_card(
            "articles", f"a{n}", rnd.choice(["The Explainer", "Σ site"]),
            " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 14))),
            " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 40))), None, None)
        assert sharecard.draw(card, None) == _reference(card), card
