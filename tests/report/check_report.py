#!/usr/bin/python3
"""Open a parley report in headless Chromium and check what a reader would see.

    check_report.py REPORT.html [--screenshot FILE.png] [--pdf FILE.pdf] [--expect-charts N]
    check_report.py --self-test WORKDIR

The page is loaded through the DevTools protocol (Chromium's --remote-debugging-pipe, Python's
standard library only). The check fails (exit 1, FAIL: and the reasons) when

- the page does not mark every chart drawn (`data-charts="drawn"` on <html>) within 60 s (the
  report's script does once vega-embed has drawn them all);
- a chart container ([data-spec]) holds no SVG with marks in it;
- the page logs a console error or warning, throws an exception, or the browser logs an error
  (a Content-Security-Policy violation is one);
- the page asks for anything but itself: every network request is recorded, and any URL other
  than the report's file fails the check.

It exits 77 (CTest's SKIP_RETURN_CODE) when no Chromium is installed. --self-test writes pages
that break each rule and checks that every one of them fails, so the checker cannot pass
vacuously.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77


def find_chromium() -> str | None:
    named = os.environ.get("PARLEY_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, chromium: str, profile: str):
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        args = [chromium, "--headless=new", "--remote-debugging-pipe", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
                "about:blank"]
        if os.geteuid() == 0:
            args.insert(2, "--no-sandbox")

        def wire():
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self._process = subprocess.Popen(args, preexec_fn=wire, pass_fds=(3, 4),
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("the browser did not answer")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 60) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def pump(self, seconds: float) -> None:
        """Collects events for a while (the page works between our commands)."""
        deadline = time.monotonic() + seconds
        os.set_blocking(self._from_browser, False)
        try:
            while time.monotonic() < deadline:
                try:
                    chunk = os.read(self._from_browser, 1 << 16)
                except BlockingIOError:
                    time.sleep(0.05)
                    continue
                if not chunk:
                    break
                self._buffer += chunk
                while b"\0" in self._buffer:
                    message, self._buffer = self._buffer.split(b"\0", 1)
                    self.events.append(json.loads(message))
        finally:
            os.set_blocking(self._from_browser, True)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


CHART_STATE = """(() => {
  const charts = [...document.querySelectorAll('[data-spec]')].map(e => {
    const svg = e.querySelector('svg');
    return {id: e.id, svg: !!svg,
            marks: svg ? svg.querySelectorAll('path, rect, line, circle, text').length : 0};
  });
  return JSON.stringify({state: document.documentElement.getAttribute('data-charts'),
                         specs: document.querySelectorAll('script[type="application/json"]').length,
                         findings: document.querySelectorAll('li.finding').length,
                         title: document.title, charts});
})()"""


def check(report: pathlib.Path, screenshot: str | None, pdf: str | None,
          expect_charts: int | None, chromium: str, wait: float = 60,
          section_shots: dict[str, str] | None = None) -> list[str]:
    problems: list[str] = []
    url = report.resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="parley-browser-") as profile:
        browser = Browser(chromium, profile)
        try:
            target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget",
                                   {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                browser.send(f"{domain}.enable", session=session)
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": 1100, "height": 1500, "deviceScaleFactor": 1,
                          "mobile": False}, session=session)
            start = time.monotonic()
            browser.send("Page.navigate", {"url": url}, session=session)
            state: dict = {}
            while time.monotonic() - start < wait:
                browser.pump(0.25)
                result = browser.send("Runtime.evaluate", {"expression": CHART_STATE,
                                                           "returnByValue": True},
                                      session=session)
                state = json.loads(result["result"]["value"])
                if state["state"] in ("drawn", "failed"):
                    break
            seconds = time.monotonic() - start
            browser.pump(0.5)
            if state.get("state") != "drawn":
                problems.append(f"the charts were not all drawn after {seconds:.0f} s "
                                f"(data-charts={state.get('state')!r})")
            charts = state.get("charts", [])
            if len(charts) != state.get("specs"):
                problems.append(f"{state.get('specs')} chart specifications but "
                                f"{len(charts)} chart containers")
            if expect_charts is not None and len(charts) < expect_charts:
                problems.append(f"{len(charts)} charts, expected at least {expect_charts}")
            for chart in charts:
                if not chart["svg"] or chart["marks"] < 5:
                    problems.append(f"chart {chart['id']} drew nothing "
                                    f"(svg: {chart['svg']}, marks: {chart['marks']})")
            problems += event_problems(browser.events, url)
            if screenshot:
                shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
                pathlib.Path(screenshot).write_bytes(base64.b64decode(shot["data"]))
            for element, path in (section_shots or {}).items():
                browser.send("Runtime.evaluate", {"expression": f"document.getElementById("
                                                                f"{json.dumps(element)})"
                                                                ".scrollIntoView()"},
                             session=session)
                browser.pump(0.3)
                shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
                pathlib.Path(path).write_bytes(base64.b64decode(shot["data"]))
            if pdf:
                printed = browser.send("Page.printToPDF", {"preferCSSPageSize": True},
                                       session=session, timeout=120)
                data = base64.b64decode(printed["data"])
                if not data.startswith(b"%PDF-"):
                    problems.append("printing to PDF gave no PDF")
                pathlib.Path(pdf).write_bytes(data)
            print(f"{report}: {len(charts)} charts drawn in {seconds:.1f} s, "
                  f"{state.get('findings')} findings, {len(browser.events)} browser events")
        finally:
            browser.close()
    return problems


def event_problems(events: list[dict], url: str) -> list[str]:
    problems = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            asked = params["request"]["url"]
            if asked != url and not asked.startswith("data:"):
                problems.append(f"a request left the file: {asked}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning",
                                                                              "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            problems.append(f"console {params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            problems.append(f"exception: {text}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            entry = params["entry"]
            problems.append(f"browser {entry['level']} ({entry['source']}): {entry['text']}")
    return problems


# Pages that break one rule each; the checker must fail every one of them.
BAD_PAGES = {
    "external-image": "<html data-charts=\"drawn\"><body><img src=\"http://127.0.0.1:9/x.png\">"
                      "</body></html>",
    "csp-violation": "<html data-charts=\"drawn\"><head><meta http-equiv=\"Content-Security-"
                     "Policy\" content=\"default-src 'none'\"></head><body>"
                     "<img src=\"http://127.0.0.1:9/x.png\"></body></html>",
    "console-error": "<html><body><script>console.error('broken');"
                     "document.documentElement.setAttribute('data-charts','drawn')</script>"
                     "</body></html>",
    "empty-chart": "<html data-charts=\"drawn\"><body><div id=\"c\" data-spec=\"spec-c\"></div>"
                   "<script type=\"application/json\" id=\"spec-c\">{}</script></body></html>",
    "never-drawn": "<html><body><p>no charts script</p></body></html>",
    "exception": "<html><body><script>document.documentElement.setAttribute('data-charts',"
                 "'drawn'); null.x;</script></body></html>",
}


def self_test(work: pathlib.Path, chromium: str) -> int:
    work.mkdir(parents=True, exist_ok=True)
    passed = []
    for name, html in BAD_PAGES.items():
        page = work / f"{name}.html"
        page.write_text(html)
        problems = check(page, None, None, None, chromium, wait=5)
        if not problems:
            passed.append(name)
        else:
            print(f"{name}: fails as it must: {problems[0]}")
    if passed:
        print(f"FAIL: the checker passed pages that break its rules: {', '.join(passed)}")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", nargs="?")
    parser.add_argument("--screenshot")
    parser.add_argument("--pdf")
    parser.add_argument("--expect-charts", type=int)
    parser.add_argument("--self-test")
    args = parser.parse_args()
    chromium = find_chromium()
    if not chromium:
        print("SKIP: no Chromium installed (make test installs Debian's chromium)")
        return SKIP
    if args.self_test:
        return self_test(pathlib.Path(args.self_test), chromium)
    problems = check(pathlib.Path(args.report), args.screenshot, args.pdf, args.expect_charts,
                     chromium)
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
