"""A picture's bytes -> its sizes for the web, with every metadata block stripped.

Raster pictures (JPEG, PNG, WebP, GIF) are checked to be what their name says,
refused unread when their header promises more pixels than ``MAX_PIXELS``,
turned upright by their EXIF orientation, then written at each width of
``WIDTHS`` up to their own as WebP and as a JPEG (or PNG, if they have
transparency) fallback. Only the colour profile (ICC) is carried over: EXIF
(with any GPS position), XMP and IPTC are never written. An SVG is published
as it is, once it is known to hold no script, event handler, foreign object
or reference to another file (anything else is refused, not cleaned).
"""

from __future__ import annotations

import io
import re
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING

import PIL  # its version alone: Pillow's modules are imported where a picture is made

if TYPE_CHECKING:
    from PIL import Image

WIDTHS = (160, 320, 640, 1280)
MAX_PIXELS = 40_000_000  # a 40-megapixel photograph; a bigger header is refused undecoded
MAX_BYTES = 60_000_000
WEBP, JPEG, PNG, SVG = "image/webp", "image/jpeg", "image/png", "image/svg+xml"
EXTENSIONS = {WEBP: "webp", JPEG: "jpg", PNG: "png", SVG: "svg"}
# What each suffix must hold, by Pillow's format name.
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF",
           ".svg": "SVG"}
# Changing how pictures are made changes this, and so every processed picture's key.
PROCESS = f"pictures 4 {WIDTHS} webp q80 m3 jpeg q82 pillow {PIL.__version__}"


class PictureProblem(Exception):
    """Why a file cannot be published as a picture: a code, a message and a hint."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


@dataclass(frozen=True, slots=True)
class Made:
    """A processed picture: its upright size and each output file (name, width, height,
    type, bytes), smallest first within each type."""

    width: int
    height: int
    files: tuple[tuple[str, int, int, str, bytes], ...]


def sniff(data: bytes) -> str:
    """The format the bytes really are, by their signature ('' if none known)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "SVG" if head.startswith((b"<?xml", b"<svg", b"<!--")) else ""


def process(data: bytes, suffix: str, stem: str) -> Made:
    """Every output file of one picture; raises PictureProblem if it cannot be published."""
    expected = FORMATS[suffix.lower()]
    if len(data) > MAX_BYTES:
        raise PictureProblem("picture-too-large", f"the file is {len(data):,} bytes (at most "
                             f"{MAX_BYTES:,})", "make it smaller before adding it")
    found = sniff(data)
    if found != expected:
        what = f"a {found} file" if found else "not a picture the build reads (or damaged)"
        raise PictureProblem("picture-format", f"the file is named {suffix} but is {what}",
                             f"rename it to its real kind, or export it as {expected}"
                             if found else "open it in an image editor and save it again")
    if found == "SVG":
        width, height = svg_size(data)
        return Made(width, height, ((f"{stem}.svg", width, height, SVG, data),))
    return _raster(data, found, stem)


def _raster(data: bytes, fmt: str, stem: str) -> Made:
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[fmt]) as opened:
                width, height = opened.size  # from the header: nothing is decoded yet
                if width * height > MAX_PIXELS:
                    raise PictureProblem(
                        "picture-too-large", f"the picture is {width:,} × {height:,} pixels "
                        f"(at most {MAX_PIXELS:,} pixels in all)",
                        "scale it down: the site shows it at most 1280 pixels wide")
                opened.seek(0)  # an animation: its first frame
                upright = ImageOps.exif_transpose(opened)  # decodes, then applies orientation
                icc = opened.info.get("icc_profile")
    except PictureProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PictureProblem("picture-too-large", f"the picture is too large to decode: {exc}",
                             "scale it down: the site shows it at most 1280 pixels wide") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise PictureProblem("picture-corrupt", f"the picture cannot be read: {exc}",
                             "open it in an image editor and save it again") from exc
    if upright.mode not in ("RGB", "RGBA"):
        icc = None  # a CMYK or grey profile would be wrong for the RGB pictures written
    alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    image = upright.convert("RGBA" if alpha else "RGB")
    fallback = PNG if alpha else JPEG
    widths = sorted({*(w for w in WIDTHS if w < image.width), min(image.width, WIDTHS[-1])})
    # Each size from the next larger one: a small step of Lanczos costs a fraction of a
    # step from the full picture, and looks the same at these ratios.
    sized: dict[int, Image.Image] = {}
    source = image
    for width in reversed(widths):
        height = max(1, round(image.height * width / image.width))
        source = source if width == source.width else source.resize(
            (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        sized[width] = source
    files = [(f"{stem}-{width}.{EXTENSIONS[mime]}", width, sized[width].height, mime,
              _encode(sized[width], mime, icc))
             for mime in (WEBP, fallback) for width in widths]
    return Made(image.width, image.height, tuple(files))


def _encode(image: Image.Image, mime: str, icc: bytes | None) -> bytes:
    """The picture in one format with no metadata but its colour profile."""
    clean = image.copy()
    clean.info = {}  # nothing read from the source (EXIF, XMP, comments) is written back
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if mime == WEBP:
        clean.save(out, "WEBP", quality=80, method=3, **extra)
    elif mime == JPEG:  # baseline: the fallback, for the few browsers without WebP
        clean.save(out, "JPEG", quality=82, **extra)
    else:
        clean.save(out, "PNG", optimize=False, compress_level=6, **extra)
    return out.getvalue()


# -- SVG -------------------------------------------------------------------------

SVG_NS = "{http://www.w3.org/2000/svg}"
UNSAFE_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
HREF_ATTRS = {"href", "{http://www.w3.org/1999/xlink}href"}
_URL_RE = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.IGNORECASE)
_LENGTH_RE = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


def svg_size(data: bytes) -> tuple[int, int]:
    """The size of a safe SVG; raises PictureProblem for one that could run or fetch."""
    unsafe = "picture-unsafe"
    hint = "remove it from the SVG, or export the picture as PNG"
    if b"<!doctype" in data.lower() or b"<!entity" in data.lower():
        raise PictureProblem(unsafe, "the SVG declares a DOCTYPE or entities", hint)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise PictureProblem("picture-corrupt", f"the SVG is not well-formed XML: {exc}",
                             "open it in an editor and save it again") from exc
    if root.tag != f"{SVG_NS}svg":
        raise PictureProblem("picture-format", "the file is not an SVG picture",
                             "its outermost element must be <svg> in the SVG namespace")
    for element in root.iter():
        tag = str(element.tag).rpartition("}")[2].lower()
        if tag in UNSAFE_TAGS:
            raise PictureProblem(unsafe, f"the SVG holds a <{tag}> element", hint)
        for name, value in element.attrib.items():
            local = name.rpartition("}")[2].lower()
            if local.startswith("on"):
                raise PictureProblem(unsafe, f"the SVG holds an event handler ({local}=)", hint)
            if name in HREF_ATTRS and not value.strip().startswith("#"):
                raise PictureProblem(unsafe, "the SVG refers to another file or address "
                                     f"({value[:60]!r})", hint)
            if _URL_RE.search(value):
                raise PictureProblem(unsafe, "the SVG's style refers to another file", hint)
        if tag == "style" and _URL_RE.search(element.text or ""):
            raise PictureProblem(unsafe, "the SVG's style sheet refers to another file", hint)
    return _svg_dimensions(root)


def _svg_dimensions(root: ET.Element) -> tuple[int, int]:
    width, height = (_LENGTH_RE.match(root.get(name, "")) for name in ("width", "height"))
    if width and height:
        return max(1, round(float(width[1]))), max(1, round(float(height[1])))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        w, h = float(box[2]), float(box[3])
    except (IndexError, ValueError):
        raise PictureProblem("picture-size", "the SVG gives no size", "give the <svg> element "
                             "a viewBox, or width and height in pixels") from None
    if w <= 0 or h <= 0:
        raise PictureProblem("picture-size", "the SVG's viewBox is empty")
    return max(1, round(w)), max(1, round(h))
