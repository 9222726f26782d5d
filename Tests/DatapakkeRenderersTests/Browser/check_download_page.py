#!/usr/bin/env python3
# Checks the download page (out/index.html) in a real headless browser.
#
# Needs Chromium, its driver and Selenium; nothing is downloaded at run time:
#   apt-get install -y chromium chromium-driver
#   pip install selenium
#
# Usage:
#   check_download_page.py PAGE.html --screenshots DIR [--case "Læsø=pack-id" ...] [--total N]
#
# It loads the page from file://, and fails (exit 1, every problem listed) unless:
#   - the browser console has no SEVERE entries (script errors, missing resources);
#   - the page loads nothing from outside (no remote src/href on script, link, img, iframe);
#   - every <a href> points to a file that exists beside the page (or to an id on the page);
#   - typing each --case query in the search box leaves exactly the expected packs visible and the
#     count text says so, and clearing the box shows every pack again;
#   - with JavaScript off, every pack is visible and the (useless) search box is not shown;
#   - at phone width (390 px) nothing is wider than the screen.
# Screenshots are written to DIR: desktop-top.png and desktop-full.png (1280 px wide),
# phone-top.png, phone-filtered.png and phone-full.png (390 px wide).
# Exit codes: 0 all good, 1 checks failed, 2 usage error, 3 browser or Selenium missing.

import argparse
import base64
import os
import sys
import urllib.parse

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("selenium mangler: pip install selenium", file=sys.stderr)
    sys.exit(3)


class Checks:
    def __init__(self):
        self.failures = []

    def expect(self, condition, message):
        if not condition:
            self.failures.append(message)
        return condition


def make_driver(javascript=True):
    # Keep Selenium Manager from looking anything up on the network: we name both binaries.
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=da-DK",
                     "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def set_viewport(driver, width, height, mobile):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
    })


def screenshot(driver, path, full_page):
    params = {"format": "png"}
    if full_page:
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        params["captureBeyondViewport"] = True
        params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    data = driver.execute_cdp_cmd("Page.captureScreenshot", params)["data"]
    with open(path, "wb") as handle:
        handle.write(base64.b64decode(data))


def severe_console_entries(driver):
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def visible_pack_ids(driver):
    return [pack.get_attribute("id") for pack in driver.find_elements(By.CSS_SELECTOR, "article.pack") if pack.is_displayed()]


def check_resources(driver, checks):
    remote = driver.execute_script("""
        var found = [];
        document.querySelectorAll('script[src], link[href], img[src], iframe[src], source[src], video[src], audio[src]')
          .forEach(function (element) {
            var url = element.getAttribute('src') || element.getAttribute('href') || '';
            if (!/^(data:|#)/.test(url)) { found.push(element.tagName.toLowerCase() + ' ' + url); }
          });
        document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (element) {
          found.push('stylesheet ' + element.getAttribute('href'));
        });
        return found;
    """)
    checks.expect(not remote, "siden henter ressourcer udefra eller fra filer: %s" % remote)


def check_links(driver, page_path, checks):
    folder = os.path.dirname(os.path.abspath(page_path))
    links = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('a[href]'),"
        " function (a) { return [a.getAttribute('href'), a.textContent.trim()]; });")
    checks.expect(len(links) > 0, "siden har ingen links")
    files = 0
    for href, text in links:
        checks.expect(len(text) > 0, "link uden tekst: %s" % href)
        parsed = urllib.parse.urlsplit(href)
        if parsed.scheme or parsed.netloc:
            checks.failures.append("link ud af siden (%s): %s" % (text, href))
            continue
        if not parsed.path:
            anchor = urllib.parse.unquote(parsed.fragment)
            found = driver.execute_script("return document.getElementById(arguments[0]) !== null;", anchor)
            checks.expect(found, "link til et id, som ikke findes (%s): %s" % (text, href))
            continue
        target = os.path.normpath(os.path.join(folder, urllib.parse.unquote(parsed.path)))
        files += 1
        checks.expect(os.path.isfile(target), "link til en fil, som ikke findes (%s): %s" % (text, href))
    print("links: %d i alt, %d til filer" % (len(links), files))


def check_filter(driver, cases, total, checks, screenshots):
    panel = driver.find_element(By.ID, "soegning")
    checks.expect(panel.is_displayed(), "søgefeltet vises ikke, selv om JavaScript kører")
    box = driver.find_element(By.CSS_SELECTOR, "input[type=search]#soeg")
    label = driver.find_elements(By.CSS_SELECTOR, "label[for=soeg]")
    checks.expect(len(label) == 1 and label[0].text.strip(), "søgefeltet har ingen synlig <label>")
    count = driver.find_element(By.ID, "antal")
    checks.expect(count.get_attribute("aria-live") == "polite", "antallet er ikke aria-live")
    all_ids = visible_pack_ids(driver)
    if total is not None:
        checks.expect(len(all_ids) == total, "uden søgning vises %d pakker, ventede %d" % (len(all_ids), total))
    checks.expect(count.text.startswith("Viser %d af %d " % (len(all_ids), len(all_ids))),
                  "antallet før søgning er forkert: %r" % count.text)
    for index, (query, expected) in enumerate(cases):
        box.clear()
        box.send_keys(query)
        try:
            WebDriverWait(driver, 3).until(lambda d: sorted(visible_pack_ids(d)) == sorted(expected))
        except Exception:
            pass
        shown = visible_pack_ids(driver)
        checks.expect(sorted(shown) == sorted(expected),
                      "søgning %r viser %s, ventede %s" % (query, shown, expected))
        prefix = "Viser %d af %d " % (len(expected), len(all_ids))
        checks.expect(count.text.startswith(prefix), "søgning %r: antallet siger %r, ventede %r…" % (query, count.text, prefix))
        print("søgning %r: %s · %s" % (query, ", ".join(shown) or "ingen", count.text))
        if index == 0 and screenshots:
            screenshots(query)
    box.clear()
    # clear() does not always fire an input event; send one the way a user would.
    box.send_keys("x")
    box.send_keys("\b")
    shown = visible_pack_ids(driver)
    checks.expect(sorted(shown) == sorted(all_ids), "efter rydning vises %d af %d pakker" % (len(shown), len(all_ids)))
    checks.expect(count.text.startswith("Viser %d af %d " % (len(all_ids), len(all_ids))),
                  "efter rydning siger antallet %r" % count.text)


def check_without_javascript(url, total, checks):
    driver = make_driver(javascript=False)
    try:
        driver.get(url)
        shown = visible_pack_ids(driver)
        checks.expect(len(shown) > 0 and (total is None or len(shown) == total),
                      "uden JavaScript vises %d pakker, ventede %s" % (len(shown), total if total is not None else "alle"))
        panel = driver.find_element(By.ID, "soegning")
        checks.expect(not panel.is_displayed(), "uden JavaScript vises et søgefelt, der ikke virker")
        print("uden JavaScript: %d pakker vises, søgefelt skjult: %s" % (len(shown), not panel.is_displayed()))
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser(description="Tjekker downloadsiden i en rigtig browser.")
    parser.add_argument("page")
    parser.add_argument("--screenshots", required=True, help="mappe til skærmbilleder")
    parser.add_argument("--case", action="append", default=[], metavar="SØGNING=ID[,ID…]",
                        help="en søgning og de pakker (article-id), der skal blive stående")
    parser.add_argument("--total", type=int, help="antal pakker på siden")
    arguments = parser.parse_args()
    cases = []
    for case in arguments.case:
        query, separator, ids = case.partition("=")
        if not separator or not query:
            parser.error("--case skal være SØGNING=ID[,ID…]: %r" % case)
        cases.append((query, [identifier for identifier in ids.split(",") if identifier]))
    if not os.path.isfile(arguments.page):
        parser.error("siden findes ikke: %s" % arguments.page)
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not os.access(binary, os.X_OK):
            print("mangler %s: apt-get install -y chromium chromium-driver" % binary, file=sys.stderr)
            return 3
    os.makedirs(arguments.screenshots, exist_ok=True)
    shot = lambda name: os.path.join(arguments.screenshots, name)

    url = "file://" + urllib.parse.quote(os.path.abspath(arguments.page))
    checks = Checks()
    driver = make_driver()
    try:
        set_viewport(driver, 1280, 900, mobile=False)
        driver.get(url)
        WebDriverWait(driver, 5).until(lambda d: d.execute_script("return document.readyState") == "complete")
        checks.expect(driver.execute_script("return document.documentElement.lang") == "da", "<html lang> er ikke da")
        checks.expect(len(driver.find_elements(By.TAG_NAME, "h1")) == 1, "siden skal have præcis én h1")
        check_resources(driver, checks)
        check_links(driver, arguments.page, checks)
        screenshot(driver, shot("desktop-top.png"), full_page=False)
        screenshot(driver, shot("desktop-full.png"), full_page=True)

        set_viewport(driver, 390, 844, mobile=True)
        driver.get(url)
        WebDriverWait(driver, 5).until(lambda d: d.execute_script("return document.readyState") == "complete")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
        checks.expect(overflow <= 1, "på telefonbredde er siden %d px for bred" % overflow)
        screenshot(driver, shot("phone-top.png"), full_page=False)
        screenshot(driver, shot("phone-full.png"), full_page=True)

        def filtered_screenshot(_query):
            driver.execute_script("window.scrollTo(0, 0);")
            screenshot(driver, shot("phone-filtered.png"), full_page=True)

        check_filter(driver, cases, arguments.total, checks, filtered_screenshot)

        severe = severe_console_entries(driver)
        checks.expect(not severe, "fejl i browserkonsollen: %s" % severe)
    finally:
        driver.quit()
    check_without_javascript(url, arguments.total, checks)

    print("skærmbilleder: %s" % os.path.abspath(arguments.screenshots))
    if checks.failures:
        for failure in checks.failures:
            print("FEJL: " + failure, file=sys.stderr)
        return 1
    print("downloadsiden er i orden")
    return 0


if __name__ == "__main__":
    sys.exit(main())
