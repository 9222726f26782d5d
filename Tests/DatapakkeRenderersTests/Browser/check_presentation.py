#!/usr/bin/env python3
# Checks presentations (<pack>-praesentation.html) in a real headless browser.
#
# Needs Chromium, its driver and Selenium; nothing is downloaded at run time:
#   apt-get install -y chromium chromium-driver
#   pip install selenium
#
# Usage:
#   check_presentation.py PAGE.html [PAGE.html …] --pdf-folder DIR
#
# For each page, loaded from file:// with print media emulated, it fails (exit 1, every problem
# listed) unless:
#   - the page runs no script and loads nothing (no script, link, img, iframe or object elements);
#   - every slide (section.slide) is exactly A4 landscape (297 × 210 mm at 96 px per inch);
#   - nothing overflows: for every slide and every text block in it (.felt), scrollHeight <= clientHeight
#     and scrollWidth <= clientWidth, and no element of a slide reaches outside the slide;
#   - printed to PDF by the browser (Page.printToPDF with the page's own @page size), the PDF has
#     exactly one page per slide, and the pages are A4 landscape.
# The PDFs are written to DIR. It prints one JSON line per page: {"page", "slides", "pages", "problems"}.
# Exit codes: 0 all good, 1 checks failed, 2 usage error, 3 browser or Selenium missing.

import argparse
import base64
import json
import os
import re
import sys

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:
    print("selenium mangler: pip install selenium", file=sys.stderr)
    sys.exit(3)

# 297 × 210 mm in CSS pixels (96 per inch).
SLIDE_WIDTH = 297 / 25.4 * 96
SLIDE_HEIGHT = 210 / 25.4 * 96
# A4 landscape in PDF points, as printed.
PAGE_POINTS = (841.89, 595.28)


def make_driver():
    # Keep Selenium Manager from looking anything up on the network: we name both binaries.
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=da-DK",
                     "--window-size=1400,1000"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


LAYOUT = """
var problems = [];
var slides = Array.prototype.slice.call(document.querySelectorAll('section.slide'));
var active = document.querySelectorAll('script, link, img, iframe, object, embed');
if (active.length) { problems.push(active.length + ' elementer med script eller indhold udefra'); }
function name(slide, index) {
  return 'slide ' + (index + 1) + ' (' + (slide.getAttribute('aria-label') || slide.className) + ')';
}
slides.forEach(function (slide, index) {
  var box = slide.getBoundingClientRect();
  if (Math.abs(box.width - arguments_width) > 1 || Math.abs(box.height - arguments_height) > 1) {
    problems.push(name(slide, index) + ' er ' + box.width.toFixed(1) + ' × ' + box.height.toFixed(1) + ' px, ikke A4 liggende');
  }
  var blocks = [slide].concat(Array.prototype.slice.call(slide.querySelectorAll('.felt')));
  blocks.forEach(function (block) {
    if (block.scrollHeight > block.clientHeight + 1 || block.scrollWidth > block.clientWidth + 1) {
      problems.push(name(slide, index) + ': ' + (block === slide ? 'sliden' : block.className) + ' flyder over ('
        + block.scrollWidth + ' × ' + block.scrollHeight + ' i ' + block.clientWidth + ' × ' + block.clientHeight + ')');
    }
  });
  slide.querySelectorAll('*').forEach(function (element) {
    var rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) { return; }
    if (rect.bottom > box.bottom + 1 || rect.right > box.right + 1 || rect.top < box.top - 1 || rect.left < box.left - 1) {
      var text = (element.textContent || '').trim().slice(0, 40);
      problems.push(name(slide, index) + ': <' + element.tagName.toLowerCase() + '> «' + text + '» når uden for sliden');
    }
  });
});
return {slides: slides.length, problems: problems};
"""


def pdf_pages(data):
    """The page count and the first page's size from a PDF's bytes (Chromium writes plain page objects)."""
    count = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", data)
    size = (float(box.group(1)), float(box.group(2))) if box else None
    return count, size


def check(driver, page, pdf_folder):
    problems = []
    driver.get("file://" + os.path.abspath(page))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    script = LAYOUT.replace("arguments_width", repr(SLIDE_WIDTH)).replace("arguments_height", repr(SLIDE_HEIGHT))
    layout = driver.execute_script(script)
    problems += layout["problems"]
    printed = driver.execute_cdp_cmd("Page.printToPDF", {
        "preferCSSPageSize": True, "printBackground": True, "displayHeaderFooter": False,
    })
    data = base64.b64decode(printed["data"])
    name = os.path.splitext(os.path.basename(page))[0] + ".pdf"
    with open(os.path.join(pdf_folder, name), "wb") as handle:
        handle.write(data)
    pages, size = pdf_pages(data)
    if pages != layout["slides"]:
        problems.append("PDF'en har %d sider, men siden har %d slides" % (pages, layout["slides"]))
    if size is None or abs(size[0] - PAGE_POINTS[0]) > 2 or abs(size[1] - PAGE_POINTS[1]) > 2:
        problems.append("PDF'ens sider er %s punkter, ikke A4 liggende" % (size,))
    return {"page": os.path.basename(page), "slides": layout["slides"], "pages": pages, "problems": problems}


def main():
    parser = argparse.ArgumentParser(description="Tjekker præsentationer i en rigtig browser.")
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--pdf-folder", required=True, help="mappe til PDF'erne")
    arguments = parser.parse_args()
    for page in arguments.pages:
        if not os.path.isfile(page):
            parser.error("siden findes ikke: %s" % page)
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            print("%s mangler: apt-get install chromium chromium-driver" % program, file=sys.stderr)
            sys.exit(3)
    os.makedirs(arguments.pdf_folder, exist_ok=True)
    driver = make_driver()
    failed = False
    try:
        for page in arguments.pages:
            result = check(driver, page, arguments.pdf_folder)
            failed = failed or bool(result["problems"])
            print(json.dumps(result, ensure_ascii=False))
    finally:
        driver.quit()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
