"""The reader's experience in a real browser: previews, search, layout, no-JS links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import searched, typed_in_menu

ARTICLE = "articles/paris-meeting.html"
MACRON = '.article .body a.mention[data-card="emmanuel-macron"]'
SCHOLZ = '.article .body a.mention[data-card="olaf-scholz"]'
PREVIEW = "#card-preview"


def boxes(page: Any) -> list[Any]:
    """Where every paragraph of the article sits."""
    return page.eval_on_selector_all(
        ".article .body p", "ps => ps.map(p => { const r = p.getBoundingClientRect();"
        " return [r.x, r.y, r.width, r.height]; })")


def test_preview_on_hover_shows_role_then_and_closes(open_page: Any) -> None:
    page = open_page(ARTICLE)
    before = boxes(page)
    page.hover(SCHOLZ)
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    text = preview.inner_text()
    assert "Olaf Scholz" in text and "Person" in text
    # the role held on the article's date, and that it has ended since
    assert "At the time: Chancellor of Germany (until 2025)" in text
    assert "Chancellor of Germany from December 2021" in text
    assert preview.get_by_role("link").get_attribute("href") == "../cards/olaf-scholz.html"
    assert page.get_attribute(SCHOLZ, "aria-describedby") == "card-preview-text"
    assert boxes(page) == before, "opening a preview moved the text"
    # the pointer may move onto the preview without it closing
    preview.hover()
    page.wait_for_timeout(500)
    assert preview.is_visible()
    page.mouse.move(5, 5)
    preview.wait_for(state="hidden")
    assert page.get_attribute(SCHOLZ, "aria-describedby") is None


def test_preview_on_keyboard_focus_and_escape(open_page: Any) -> None:
    page = open_page(ARTICLE)
    page.keyboard.press("Tab")  # the skip link
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.mention')"):
            break
    name = page.evaluate("document.activeElement.dataset.card")
    assert name == "emmanuel-macron"
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert "President of France" in preview.inner_text()
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.dataset.card") == "emmanuel-macron"
    # focus moving on closes it too
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)
    page.keyboard.press("Shift+Tab")
    preview.wait_for(state="visible")
    page.evaluate("document.activeElement.blur()")
    preview.wait_for(state="hidden")


def test_touch_first_tap_previews_second_tap_follows(open_page: Any) -> None:
    page = open_page(ARTICLE, viewport={"width": 360, "height": 740}, has_touch=True,
                     is_mobile=True)
    page.tap(MACRON)
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert page.url.endswith(ARTICLE)
    box = preview.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    page.tap(MACRON)
    page.wait_for_url("**/cards/emmanuel-macron.html")


def test_without_javascript_mentions_are_plain_links(open_page: Any) -> None:
    page = open_page(ARTICLE, java_script_enabled=False)
    page.click(MACRON)
    page.wait_for_url("**/cards/emmanuel-macron.html")
    assert page.locator(PREVIEW).count() == 0
    assert page.inner_text("h1") == "Emmanuel Macron"
    # the search box submits to the search page, which lists everything A to Z
    page.fill("#site-search-q", "Rutte")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search.html?q=Rutte")
    assert page.locator(".a-z a", has_text="Mark Rutte").count() == 1


def test_search_finds_a_card_by_alias_as_you_type(open_page: Any) -> None:
    page = open_page(ARTICLE)
    first = typed_in_menu(page, "sir keir")
    assert first.locator(".search-name").inner_text() == "Keir Starmer"
    assert "also called Sir Keir" in first.inner_text()
    # arrow keys walk the results; Escape closes them
    page.press("#site-search-q", "ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Keir Starmer"
    page.keyboard.press("Escape")
    assert page.locator("#site-search-results").is_hidden()
    assert page.evaluate("document.activeElement.id") == "site-search-q"


def test_full_text_search_uses_pagefind_when_served(open_page: Any) -> None:
    page = open_page("search.html?q=troops")
    result, requests = searched(page)
    assert result.locator(".search-name").inner_text() == (
        "European leaders meet in Paris on Ukraine")
    assert result.locator("mark").first.inner_text().lower() == "troops"
    assert any("/pagefind/" in url for url in requests)
    assert page.locator(".a-z").is_hidden()


def test_full_text_search_merges_the_shards_of_the_index(open_page: Any) -> None:
    # "Opposition" is only in Keir Starmer's list of roles: not in a name, alias or summary
    # (the built-in index), and not in an article. His card is in the cards' shard, the
    # article in the other: both shards are loaded, and a result from each is shown.
    page = open_page("search.html?q=opposition")
    result, requests = searched(page)
    assert result.locator(".search-name").inner_text() == "Keir Starmer"
    shards = page.evaluate("window.explainerIndex.pagefind")
    assert len(shards) == 2
    for shard in shards:
        assert any(f"/{shard}" in url and "pagefind-entry.json" in url for url in requests)
    page.fill("#search-page-q", "troops")
    page.locator("#search-page-results .search-name", has_text="Paris on Ukraine").wait_for()


def test_search_from_file_url_uses_built_in_index(open_page: Any, summit: Path) -> None:
    page = open_page((summit / ARTICLE).as_uri())
    first = typed_in_menu(page, "NATO")
    assert first.locator(".search-name").inner_text() == "Nato"
    status = page.locator("#site-search-results").locator("xpath=..").locator("[role=status]")
    assert "served" in status.inner_text()
    # previews work from file:// as well
    page.hover(MACRON)
    page.locator(PREVIEW).wait_for(state="visible")


def test_layout_at_phone_and_desktop_widths(open_page: Any, artifacts: Path) -> None:
    for width in (360, 1280):
        page = open_page(ARTICLE, viewport={"width": width, "height": 900})
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"the page scrolls sideways at {width}px"
        page.screenshot(path=str(artifacts / f"article-{width}.png"), full_page=True)
        assert (artifacts / f"article-{width}.png").stat().st_size > 10_000


def test_dark_mode_and_print(open_page: Any) -> None:
    page = open_page(ARTICLE, color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 21, 21)"
    page.emulate_media(media="print")
    assert page.locator(".site-search").is_hidden()
    assert page.locator("#whos-who svg").is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_focus_is_visible(open_page: Any) -> None:
    page = open_page(ARTICLE)
    for expected in ("skip", "", ""):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement,
            s = getComputedStyle(e), r = e.getBoundingClientRect();
            return [e.className, s.outlineStyle, s.outlineWidth, r.left >= 0 && r.top >= 0]; }""")
        assert focused[0] == expected
        assert focused[1:] == ["solid", "3px", True]
