"""Builds the sample site once and drives headless Chromium over it (issue 5).

Run with `python3 -m pytest Tests/browser` after `swift build`; .ci/run does both.
"""
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]


def goalwall_binary() -> pathlib.Path:
    for candidate in (ROOT / ".build/debug/goalwall", ROOT / ".build/release/goalwall"):
        if candidate.exists():
            return candidate
    raise RuntimeError("build goalwall first: swift build")


def build(site_folder: pathlib.Path, language: str = None):
    """Builds a site; with `language`, a copy of it whose goalwall.yml says `language:`."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="goalwall-browser-"))
    output = folder / "public"
    if language:
        copy = folder / "site"
        shutil.copytree(site_folder / "content", copy / "content")
        for extra in ("templates", "static"):
            if (site_folder / extra).is_dir():
                shutil.copytree(site_folder / extra, copy / extra)
        settings = (site_folder / "goalwall.yml").read_text() if (site_folder / "goalwall.yml").exists() else ""
        lines = [line for line in settings.splitlines() if not line.startswith("language:")]
        (copy / "goalwall.yml").write_text("\n".join(lines + [f"language: {language}"]) + "\n")
        site_folder = copy
    env = dict(os.environ, SOURCE_DATE_EPOCH="1772409600")
    subprocess.run([goalwall_binary(), "build", "--site", site_folder, "--output", output, "--quiet"], check=True, env=env)
    return folder, output


@pytest.fixture(scope="session")
def site() -> pathlib.Path:
    """The sample site, built."""
    folder, output = build(ROOT)
    yield output
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def edge_site() -> pathlib.Path:
    """The chart edge-case fixture (one point, all missing, 1e12, ten years, …), built."""
    folder, output = build(ROOT / "Tests/Fixtures/chart-edges")
    yield output
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def kiosk_site() -> pathlib.Path:
    """The kiosk's worst cases (longest titles, every badge, teams of 1 to 5 goals), built."""
    folder, output = build(ROOT / "Tests/Fixtures/kiosk-worst")
    yield output
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", params=["de", "fr", "es"])
def kiosk_site_translated(request) -> pathlib.Path:
    """The kiosk's worst cases in each built-in language but English (longer words)."""
    folder, output = build(ROOT / "Tests/Fixtures/kiosk-worst", language=request.param)
    yield output
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def german_site() -> pathlib.Path:
    """The sample site with `language: de`."""
    folder, output = build(ROOT, language="de")
    yield output
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    driver_path = shutil.which("chromedriver")
    service = Service(driver_path) if driver_path else Service()
    driver = webdriver.Chrome(options=options, service=service)
    yield driver
    driver.quit()


def open_page(browser, url: str, width: int, height: int):
    """Loads a page in an exact viewport (CDP device metrics, not the window size)."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.get(url)
