"""The office TV read from across the room (issue 14): at 1080p and 4K, on the sample and on
the worst cases (Tests/Fixtures/kiosk-worst: the longest titles, owners, teams, units and
values, every badge at once, screens of 1 to 6 cards), nothing is cut off or overlaps,
every card shows its trend, and text keeps the 1080p floors scaled to the screen."""
import pathlib

import pytest

from conftest import open_page

SIZES = [(1920, 1080), (3840, 2160)]

# Per card: the boxes that must not overlap, whether any element's box leaves the card's
# content box, whether any text is cut off inside its own box, and the type sizes.
MEASURE = """
const boxes = [];
const px = e => parseFloat(getComputedStyle(e).fontSize);
const rect = e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
const problems = [];
const cards = [...document.querySelectorAll('.cards .card')].map(card => {
  const cs = getComputedStyle(card);
  const c = card.getBoundingClientRect();
  const inner = {l: c.left + parseFloat(cs.paddingLeft) - 1, t: c.top + parseFloat(cs.paddingTop) - 1,
                 r: c.right - parseFloat(cs.paddingRight) + 1, b: c.bottom - parseFloat(cs.paddingBottom) + 1};
  const parts = [...card.querySelectorAll('.status, .badge, .card-title, .who, .current, .chart, .target, .progress')];
  for (const e of card.querySelectorAll('*')) {
    if (['title', 'desc'].includes(e.tagName.toLowerCase())) continue;
    const r = rect(e);
    if (r.r - r.l === 0 && r.b - r.t === 0) continue;
    if (r.l < inner.l || r.t < inner.t || r.r > inner.r || r.b > inner.b)
      problems.push(`${e.className.baseVal ?? e.className} leaves its card (${JSON.stringify(r)} in ${JSON.stringify(inner)})`);
    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (text && !(e instanceof SVGElement) && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
        && getComputedStyle(e).display !== 'inline')
      problems.push(`text cut off in ${e.className}: ${e.textContent.slice(0, 40)}`);
  }
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j < parts.length; j++) {
      if (parts[i].contains(parts[j]) || parts[j].contains(parts[i])) continue;
      const a = rect(parts[i]), b = rect(parts[j]);
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 0.5 && h > 0.5) problems.push(`${parts[i].className} overlaps ${parts[j].className}`);
    }
  const title = card.querySelector('.card-title');
  return {title: px(title), value: px(card.querySelector('.current .value')),
          trend: !!card.querySelector('.chart.trend svg'), task: !!card.querySelector('.task-svg'),
          trendHeight: card.querySelector('.chart.trend') ? card.querySelector('.chart.trend').getBoundingClientRect().height : 0,
          width: c.width, height: c.height, box: rect(card)};
});
// The header, the grid and the footer do not overlap each other or leave the screen.
const regions = ['.kiosk-header', '.cards', '.kiosk-footer'].map(s => document.querySelector(s)).filter(e => e && e.getClientRects().length);
for (let i = 0; i < regions.length; i++) {
  const a = rect(regions[i]);
  if (a.l < 0 || a.t < 0 || a.r > innerWidth || a.b > innerHeight) problems.push(`${regions[i].className} leaves the screen`);
  for (let j = i + 1; j < regions.length; j++) {
    const b = rect(regions[j]);
    if (Math.min(a.b, b.b) - Math.max(a.t, b.t) > 0.5) problems.push(`${regions[i].className} overlaps ${regions[j].className}`);
  }
}
for (const e of document.querySelectorAll('.kiosk-header *, .kiosk-footer *')) {
  if (e instanceof SVGElement) continue;
  const r = rect(e);
  if (r.l < -0.5 || r.t < -0.5 || r.r > innerWidth + 0.5 || r.b > innerHeight + 0.5) problems.push(`${e.tagName}.${e.className} leaves the screen`);
  if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline') problems.push(`${e.tagName}.${e.className} is cut off`);
}
let least = 1e9;
for (const e of document.querySelectorAll('body *')) {
  if (['title', 'desc'].includes(e.tagName.toLowerCase())) continue;
  const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (e.getClientRects().length && text) least = Math.min(least, px(e));
}
const doc = document.documentElement;
return {cards, problems, least, scrolls: doc.scrollWidth > innerWidth || doc.scrollHeight > innerHeight};
"""


def kiosk_pages(site: pathlib.Path):
    return sorted(p.relative_to(site).as_posix() for p in (site / "kiosk").rglob("*.html"))


def check_screen(browser, url: str, page: str, width: int, height: int):
    scale = width / 1920
    open_page(browser, url, width, height)
    m = browser.execute_script(MEASURE)
    assert not m["scrolls"], f"{page} scrolls at {width}×{height}"
    assert not m["problems"], f"{page} at {width}×{height}:\n" + "\n".join(m["problems"])
    assert m["cards"], page
    for card in m["cards"]:
        assert card["title"] >= 28 * scale - 0.5, f"{page}: card title {card['title']}px at {width}×{height}"
        assert card["value"] >= 64 * scale - 0.5, f"{page}: main value {card['value']}px at {width}×{height}"
        if not card["task"]:
            assert card["trend"], f"{page}: a card without its trend"
            assert card["trendHeight"] >= 26 * scale, f"{page}: trend {card['trendHeight']}px high"
    assert m["least"] >= 18 * scale - 0.5, f"{page}: text of {m['least']}px at {width}×{height}"
    return m


@pytest.mark.parametrize("width,height", SIZES)
def test_worst_case_screens_fit(kiosk_site, browser, width, height):
    pages = kiosk_pages(kiosk_site)
    counts = set()
    for page in pages:
        m = check_screen(browser, (kiosk_site / page).as_uri(), page, width, height)
        counts.add(len(m["cards"]))
    assert counts >= {1, 2, 3, 4, 5}, f"the fixture draws every grid: {sorted(counts)}"


@pytest.mark.parametrize("width,height", SIZES)
def test_sample_screens_fit(site, browser, width, height):
    for page in kiosk_pages(site):
        check_screen(browser, (site / page).as_uri(), page, width, height)


@pytest.mark.parametrize("width,height", SIZES)
def test_worst_case_screens_fit_in_every_language(kiosk_site_translated, browser, width, height):
    """German, French and Spanish words are longer than English ones: still nothing cut off."""
    for page in kiosk_pages(kiosk_site_translated):
        check_screen(browser, (kiosk_site_translated / page).as_uri(), page, width, height)
    html = (kiosk_site_translated / "kiosk/index.html").read_text()
    assert '<html lang="en"' not in html


def test_fewer_cards_are_larger(kiosk_site, browser):
    """One goal does not leave five sixths of the TV empty: it fills most of it."""
    sizes = {}
    for page in kiosk_pages(kiosk_site):
        open_page(browser, (kiosk_site / page).as_uri(), 1920, 1080)
        m = browser.execute_script(MEASURE)
        n = len(m["cards"])
        area = sum(c["width"] * c["height"] for c in m["cards"])
        sizes.setdefault(n, []).append((area / (1920 * 1080), max(c["value"] for c in m["cards"])))
    assert min(a for a, _ in sizes[1]) > 0.6, sizes[1]
    assert min(v for _, v in sizes[1]) > 1.5 * 64, "one card's value is drawn much larger"
    assert min(v for _, v in sizes[2]) > max(v for _, v in sizes[5])


def test_legend_and_wins_show(kiosk_site, browser):
    open_page(browser, (kiosk_site / "kiosk/index.html").as_uri(), 1920, 1080)
    legend = browser.execute_script("const l = document.querySelector('.kiosk-footer .legend'); return l && l.textContent")
    assert "off track" in legend and "at risk" in legend and "on track" in legend and "target" in legend
    wins = browser.execute_script("return [...document.querySelectorAll('.kiosk-footer .wins li')].map(l => l.textContent)")
    assert wins and any("milestone met" in w or "achieved" in w for w in wins)
