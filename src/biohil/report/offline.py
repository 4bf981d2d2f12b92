"""The report as one file that opens from disk, every time, and asks nothing of the network.

Allure 3's single-file page (3.18) embeds its data in a script at the very end of the page, and
its app, earlier in the page, looks for that data when it starts: if the browser has not parsed
the end yet, the app fetches widgets/*.json instead, which a page opened from disk may not do,
and the report stays empty (seen about one load in 15 in headless Chromium). Declaring the data
store before the app makes the app wait for the embedded data. The page also loads Google
Analytics; a lab report handed over has no business calling out, so that goes.

`make report` runs this on the page Allure built: `python -m biohil.report.offline PAGE`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MARK = "<!-- biohil: opens offline -->"
# The app waits for `allureReportDataReady` once it finds `allureReportData` (its data script at
# the end sets both); declared here, before the app, the app never falls back to fetching.
EARLY = (
    f"{MARK}\n<script>window.allureReportData = window.allureReportData || {{}};"
    " window.allureReportDataReady = false;</script>"
)
HEAD = re.compile(r"<head(\s[^>]*)?>")
DATA_SCRIPT = "window.allureReportData = window.allureReportData || {};"
ANALYTICS = re.compile(
    r'<script async src="https://www\.googletagmanager\.com/[^"]*"></script>\s*'
    r"<script>\s*window\.dataLayer.*?</script>",
    re.DOTALL,
)


class UnknownPage(ValueError):
    """The page is not the Allure 3 single-file page this was written for."""


def make_offline(page: Path) -> bool:
    """Rewrite `page` in place; False if it was already done."""
    html = page.read_text(encoding="utf-8")
    if MARK in html:
        return False
    heads = HEAD.findall(html)
    if len(heads) != 1 or DATA_SCRIPT not in html:
        raise UnknownPage(
            f"{page} is not Allure 3's single-file report as biohil knows it (one <head>, the data"
            f" script {DATA_SCRIPT!r}): is singleFile still true in allurerc.mjs, or did the pinned"
            " Allure change? Check that the page still loads its data before its app needs it."
        )
    html = HEAD.sub(lambda m: m.group(0) + "\n" + EARLY, html, count=1)
    html = ANALYTICS.sub("", html)
    page.write_text(html, encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m biohil.report.offline PATH/index.html", file=sys.stderr)
        return 2
    page = Path(argv[0])
    if not page.is_file():
        print(f"biohil.report.offline: {page} does not exist (did allure generate fail?)", file=sys.stderr)
        return 2
    try:
        make_offline(page)
    except UnknownPage as e:
        print(f"biohil.report.offline: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
