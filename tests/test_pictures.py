"""Pictures: sizes without metadata, portraits on pages, credits, share cards, the cache,
and every kind of bad picture refused with its diagnostic. Every picture is made here."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from generator.build import Options, build
from generator.engine.live import BuildState
from generator.errors import BuildFailed
from tests.conftest import INVALID, copy_project, soup

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def make_pictures(images: Path) -> None:
    """A JPEG lying on its side (EXIF orientation 6) with a GPS position, a PNG with
    transparency and a WebP."""
    images.mkdir(parents=True, exist_ok=True)
    photo = Image.new("RGB", (800, 400), (200, 40, 40))
    photo.paste((20, 20, 200), (0, 0, 100, 400))  # a blue band on the left of the sensor
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 10.0), 3: "W", 4: (0.0, 7.0, 39.0)}
    photo.save(images / "alice.jpg", exif=exif.tobytes(), comment=b"taken at home")
    Image.new("RGBA", (300, 300), (0, 0, 255, 100)).save(images / "bob.png")
    Image.new("RGB", (1600, 900), (30, 160, 30)).save(images / "scene.webp")


def image_block(file: str, alt: str = "Alice Example at a lectern") -> str:
    return (f"image:\n  file: {file}\n  alt: {alt}\n  credit: Jane Doe / Example Agency\n"
            "  licence: CC BY 2.0\n  source: https://example.org/photos/1\n"
            "  focus: [0.5, 0.3]\n")


def picture_project(root: Path) -> Path:
    project = copy_project(INVALID / "_base", root)
    make_pictures(project / "images")
    cards = project / "content" / "cards"
    with open(cards / "alice.yaml", "a", encoding="utf-8") as f:
        f.write(image_block("images/alice.jpg"))
    with open(cards / "bob.yaml", "a", encoding="utf-8") as f:
        f.write("image:\n  file: images/bob.png\n  alt: A blue square\n  credit: Bob's studio"
                "\n  licence: all rights reserved, used with permission\n")
    with open(project / "content" / "articles" / "story.yaml", "a", encoding="utf-8") as f:
        f.write(image_block("images/scene.webp", "A green field"))
    return project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return picture_project(tmp_path / "p")


def outputs(out: Path, folder: str) -> list[Path]:
    return sorted((out / folder).rglob("*.*"))


def test_sizes_are_upright_and_carry_no_metadata(project: Path) -> None:
    result = build(Options(project))
    files = outputs(result.output, "images")
    alice = [p for p in files if p.name.startswith("alice-")]
    assert {p.suffix for p in alice} == {".webp", ".jpg"}
    for path in files:
        data = path.read_bytes()
        with Image.open(path) as im:
            assert not im.getexif(), path  # no EXIF at all, so no GPS position
            assert "xmp" not in im.info and "comment" not in im.info, path
        assert b"Exif" not in data and b"taken at home" not in data, path
    with Image.open(max(alice, key=lambda p: p.stat().st_size)) as im:
        # 800 × 400 on its side is 400 × 800 upright; the blue band is now at the top
        assert im.size[0] < im.size[1]
        assert im.convert("RGB").getpixel((im.size[0] // 2, 5))[2] > 150
    widths = sorted(Image.open(p).size[0] for p in alice if p.suffix == ".webp")
    assert widths == [160, 320, 400]  # never wider than the picture itself
    bob = [p for p in files if p.name.startswith("bob-")]
    assert {p.suffix for p in bob} == {".webp", ".png"}  # transparency: a PNG fallback
    with Image.open(next(p for p in bob if p.suffix == ".png")) as im:
        assert im.mode == "RGBA" and im.getpixel((5, 5))[3] == 100
    scene = [p.name for p in files if p.name.startswith("scene-")]
    assert any(name.endswith("-1280.webp") for name in scene)
    assert not any("-1600" in name for name in scene)


def test_pages_show_portraits_with_their_credit(project: Path) -> None:
    out = build(Options(project)).output
    page = soup(out / "cards" / "alice.html")
    figure = page.select_one("figure.card-picture")
    assert figure is not None
    img = figure.select_one("img")
    assert img is not None
    assert img["alt"] == "Alice Example at a lectern"
    assert img["width"] == "400" and img["height"] == "800"
    assert "160w" in img["srcset"] and img["sizes"]
    assert (out / "cards" / img["src"]).is_file()
    webp = figure.select_one("source[type='image/webp']")
    assert webp is not None and all(
        (out / "cards" / part.split()[0]).is_file() for part in webp["srcset"].split(", "))
    credit = figure.select_one(".picture-credit")
    assert credit is not None and "Jane Doe / Example Agency" in credit.text
    assert credit.a is not None and credit.a["href"] == "https://example.org/photos/1"
    assert img["style"] == "object-position: 50% 30%"
    # a portrait replaces the initials in lists; every picture has a size and an alt text
    index = soup(out / "people.html")
    thumbs = index.select(".portrait-thumb img")
    assert len(thumbs) == 2 and all(t["loading"] == "lazy" for t in thumbs)
    for name in ("people.html", "articles/story.html", "credits.html", "cards/bob.html"):
        for tag in soup(out / name).select("img"):
            assert tag.get("width") and tag.get("height") and tag.get("alt"), (name, tag)
    article = soup(out / "articles" / "story.html").select_one("figure.lead-picture")
    assert article is not None and "Jane Doe" in article.text


def test_the_credits_page_lists_every_picture(project: Path) -> None:
    out = build(Options(project)).output
    rows = soup(out / "credits.html").select("table.credits tbody tr")
    cells = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in rows]
    assert [c[1:] for c in cells] == [
        ["Alice Example", "Jane Doe / Example Agency", "CC BY 2.0",
         "https://example.org/photos/1"],
        ["Bob Example", "Bob's studio", "all rights reserved, used with permission",
         "not given"],
        ["A story", "Jane Doe / Example Agency", "CC BY 2.0", "https://example.org/photos/1"]]
    footer = soup(out / "index.html").select_one("footer a[href='credits.html']")
    assert footer is not None


def test_share_cards_are_made_and_the_same_bytes_every_build(project: Path) -> None:
    out = build(Options(project)).output
    meta = soup(out / "cards" / "alice.html").select_one("meta[property='og:image']")
    twitter = soup(out / "cards" / "alice.html").select_one("meta[name='twitter:image']")
    assert meta is not None and twitter is not None and meta["content"] == twitter["content"]
    path = str(meta["content"]).removeprefix("https://example.org/")
    assert path.startswith("share/cards/alice-")
    with Image.open(out / path) as im:
        assert im.size == (1200, 630) and im.format == "PNG"
        assert not im.info.keys() - {"dpi"}  # no time, text or other chunk
    first = {p.name: p.read_bytes() for p in outputs(out, "share")}
    assert len(first) == 3  # two cards and the article
    shutil.rmtree(project / ".explainer-cache")
    again = build(Options(project))
    assert again.share_cards == 3  # drawn anew, not taken from a cache
    assert {p.name: p.read_bytes() for p in outputs(out, "share")} == first


def test_unchanged_pictures_are_never_made_again(project: Path) -> None:
    first = build(Options(project))
    assert (first.pictures, first.share_cards) == (3, 3)
    with open(project / "content" / "cards" / "bob.yaml", "a", encoding="utf-8") as f:
        f.write("kind: engineer\n")  # a change to a card, not to a picture
    second = build(Options(project))
    assert (second.pictures, second.share_cards) == (0, 1)  # only Bob's card changed
    old = {p.name for p in outputs(first.output, "images") if p.name.startswith("alice-")}
    Image.new("RGB", (500, 500), (1, 2, 3)).save(project / "images" / "alice.jpg")
    third = build(Options(project))
    assert (third.pictures, third.share_cards) == (1, 1)
    new = {p.name for p in outputs(third.output, "images") if p.name.startswith("alice-")}
    assert new and not new & old  # a changed picture has new file names
    img = soup(third.output / "cards" / "alice.html").select_one("figure img")
    assert img is not None and img["width"] == "500" and (
        third.output / "cards" / img["src"]).is_file()
    # another output folder (a full build, no record of it): nothing is made or drawn again
    other = build(Options(project, output=project.parent / "other"))
    assert (other.pictures, other.share_cards) == (0, 0)


def test_the_live_preview_makes_only_changed_pictures(project: Path, tmp_path: Path) -> None:
    state = BuildState(Options(project), tmp_path / "preview")
    state.rebuild()
    made = state.pictures.processed
    assert (tmp_path / "preview" / "credits.html").is_file()
    card = project / "content" / "cards" / "alice.yaml"
    card.write_text(card.read_text().replace("A person", "Someone"), encoding="utf-8")
    state.rebuild([card])
    assert state.pictures.processed == made
    Image.new("RGB", (320, 200), (9, 9, 9)).save(project / "images" / "bob.png")
    state.rebuild([project / "images" / "bob.png"])
    assert state.pictures.processed == made + 1
    img = soup(tmp_path / "preview" / "cards" / "bob.html").select_one("figure img")
    assert img is not None and img["width"] == "320"
    assert (tmp_path / "preview" / "cards" / img["src"]).is_file()


def problems(project: Path) -> list[str]:
    (project / "public").mkdir(exist_ok=True)
    (project / "public" / ".explainer-output").write_text("")
    (project / "public" / "index.html").write_text("previous site")
    with pytest.raises(BuildFailed) as failed:
        build(Options(project))
    assert (project / "public" / "index.html").read_text() == "previous site"
    return [f"{d.code} {d.location.line}:{d.location.col} {d.message}"
            for d in failed.value.diagnostics]


def bad_card(project: Path, name: str, image: str) -> None:
    (project / "content" / "cards" / f"{name}.yaml").write_text(
        f"type: concept\nname: {name.title()} thing\nsummary: Bad.\nas_of: 2024-03-01\n"
        f"sources:\n  - article: story\n{image}", encoding="utf-8")


def test_bad_pictures_are_reported_and_break_nothing(tmp_path: Path) -> None:
    project = picture_project(tmp_path / "p")
    images = project / "images"
    (images / "corrupt.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 200)
    Image.new("L", (8000, 6000)).save(images / "bomb.png")  # 48 megapixels of nothing
    Image.new("RGB", (10, 10)).save(images / "really-png.jpg", "PNG")
    outside = tmp_path / "outside.jpg"
    Image.new("RGB", (10, 10)).save(outside)
    os.symlink(outside, images / "link.jpg")
    (images / "script.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<script>alert(1)</script></svg>')
    (images / "onload.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"/>')
    (images / "remote.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' viewBox="0 0 10 10"><image xlink:href="https://example.org/x.png"/></svg>')
    (images / "safe.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" '
        'height="20" fill="#c33"/></svg>')
    for name in ("corrupt.jpg", "bomb.png", "really-png.jpg", "link.jpg", "script.svg",
                 "onload.svg", "remote.svg", "../site.yaml", "/etc/passwd", "static/x.png",
                 "missing.jpg"):
        slug = name.replace("/", "").replace(".", "-").strip("-")
        file = name if name.startswith(("/", "static", "..")) else f"images/{name}"
        bad_card(project, slug, image_block(file))
    bad_card(project, "no-alt", "image:\n  file: images/bob.png\n  credit: x\n  licence: y\n")
    found = problems(project)
    codes = sorted(line.split()[0] for line in found)
    assert codes == sorted(
        ["picture-corrupt", "picture-too-large", "picture-format", "picture-path",
         "picture-unsafe", "picture-unsafe", "picture-unsafe", "picture-path", "picture-path",
         "picture-path", "picture-path", "schema-missing-key"]), found
    assert any("symbolic link points outside the project" in line for line in found)
    assert any("<script>" in line for line in found) and any("onload" in line for line in found)
    assert any("'alt'" in line for line in found)
    # every picture error points at the card's file: line (line 8 of each bad card)
    assert all(line.split()[1] == "8:9" for line in found if line.startswith("picture-"))


def test_a_safe_svg_is_published_as_it_is(project: Path) -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" '
           'height="20" fill="#c33"/></svg>')
    (project / "images" / "flag.svg").write_text(svg)
    bad_card(project, "flag", image_block("images/flag.svg", "A red flag"))
    out = build(Options(project)).output
    img = soup(out / "cards" / "flag.html").select_one("figure img")
    assert img is not None and (img["width"], img["height"]) == ("40", "20")
    assert (out / "cards" / img["src"]).read_text() == svg


def test_a_picture_in_memory_is_the_same_as_on_disk() -> None:
    from generator.render.pictures import PictureProblem, process

    buf = io.BytesIO()
    Image.new("RGB", (2000, 1000), (5, 5, 5)).save(buf, "JPEG")
    made = process(buf.getvalue(), ".jpg", "p")
    assert [f[1] for f in made.files if f[3] == "image/webp"] == [160, 320, 640, 1280]
    assert made.files == process(buf.getvalue(), ".jpg", "p").files  # deterministic
    with pytest.raises(PictureProblem):
        process(b"GIF89a" + b"\0" * 10, ".gif", "p")


def test_portraits_replace_initials_in_diagrams_and_previews(project: Path) -> None:
    out = build(Options(project)).output
    people = soup(out / "people.html")
    faces = people.select("svg .ww-portrait")
    assert len(faces) == 2 and not people.select("svg .ww-initials")
    assert all((out / str(face["href"])).is_file() for face in faces)
    clips = {str(face["clip-path"]) for face in faces}
    assert len(clips) == 2  # each its own circle
    index = (out / "static" / "site-index.js").read_text(encoding="utf-8")
    assert '"p":["images/alice-' in index and '"p":["images/bob-' in index


def test_new_card_fills_in_the_picture_and_leaves_the_rest(project: Path,
                                                          capsys: pytest.CaptureFixture[str],
                                                          ) -> None:
    from generator.cli import main

    assert main(["-C", str(project), "new", "card", "person", "Carol Example", "--image",
                 "images/bob.png"]) == 0
    written = next((project / "content" / "cards").rglob("carol-example.yaml"))
    text = written.read_text(encoding="utf-8")
    assert "image:\n  file: images/bob.png " in text
    assert "\n  alt: " in text and "\n  credit: " in text and "\n  licence: " in text
    assert "alt, credit and licence" in capsys.readouterr().out
    assert main(["-C", str(project), "new", "card", "person", "Dan Example", "--image",
                 "../elsewhere.jpg"]) == 1
    assert "error[picture-path]" in capsys.readouterr().err


def test_the_colour_profile_is_kept_only_where_it_fits() -> None:
    from PIL import ImageCms

    from generator.render.pictures import process

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buf = io.BytesIO()
    Image.new("RGB", (50, 50)).save(buf, "JPEG", icc_profile=srgb)
    for file in process(buf.getvalue(), ".jpg", "p").files:
        assert Image.open(io.BytesIO(file[4])).info.get("icc_profile") == srgb
    buf = io.BytesIO()
    Image.new("CMYK", (50, 50)).save(buf, "JPEG", icc_profile=b"a CMYK profile")
    for file in process(buf.getvalue(), ".jpg", "p").files:  # written as RGB: no CMYK profile
        assert "icc_profile" not in Image.open(io.BytesIO(file[4])).info


def test_without_the_cache_pictures_are_made_and_nothing_is_kept(project: Path) -> None:
    result = build(Options(project, cache=False))
    assert (result.pictures, result.share_cards) == (3, 3)
    assert not (project / ".explainer-cache").exists()
    img = soup(result.output / "cards" / "alice.html").select_one("figure img")
    assert img is not None and (result.output / "cards" / img["src"]).is_file()
