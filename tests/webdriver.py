"""A minimal W3C WebDriver client for the browser tests: Debian's headless Chromium driven
through its chromedriver over HTTP on the loopback address, with the standard library alone
(no driver or browser is ever downloaded)."""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# The machine may have no network: without the background-networking flags Chromium keeps
# trying (and failing) to reach its own services.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


class WebDriverError(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """One chromedriver process and one headless Chromium session in a fresh profile."""

    def __init__(self, width: int = 1280, height: int = 900, timeout: float = 30.0) -> None:
        self._profile = tempfile.mkdtemp(prefix="chromium-profile-")
        self._port = _free_port()
        self._driver = subprocess.Popen(
            [str(CHROMEDRIVER), f"--port={self._port}", "--allowed-ips=127.0.0.1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._base = f"http://127.0.0.1:{self._port}"
        self._session = ""
        try:
            self._wait_ready(timeout)
            flags = [*CHROMIUM_FLAGS, f"--user-data-dir={self._profile}"]
            flags.append(f"--window-size={width},{height}")
            value = self._call(
                "POST",
                "/session",
                {
                    "capabilities": {
                        "alwaysMatch": {
                            "browserName": "chrome",
                            "goog:chromeOptions": {"binary": str(CHROMIUM), "args": flags},
                        }
                    }
                },
            )
            self._session = value["sessionId"]
            self._call("POST", self._path("timeouts"), {"script": 300_000, "pageLoad": 120_000})
            self.resize(width, height)
        except BaseException:
            self.close()
            raise

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._driver.poll() is not None:
                raise WebDriverError(f"chromedriver avslutades med kod {self._driver.returncode}")
            try:
                if self._call("GET", "/status").get("ready"):
                    return
            except (OSError, WebDriverError):
                pass
            time.sleep(0.1)
        raise WebDriverError(f"chromedriver svarade inte inom {timeout:.0f} s")

    def _path(self, command: str) -> str:
        return f"/session/{self._session}/{command}"

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            self._base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            answer = json.loads(error.read().decode("utf-8") or "{}")
            value = answer.get("value") or {}
            raise WebDriverError(
                f"{method} {path}: {value.get('error')}: {value.get('message')}"
            ) from None
        return answer.get("value")

    def resize(self, width: int, height: int) -> None:
        """The viewport (not the window) `width` x `height` CSS pixels."""
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def cdp(self, command: str, params: dict[str, Any] | None = None) -> Any:
        """A Chrome DevTools Protocol command through chromedriver."""
        return self._call(
            "POST", self._path("goog/cdp/execute"), {"cmd": command, "params": params or {}}
        )

    def open(self, url: str) -> None:
        self._call("POST", self._path("url"), {"url": url})

    def run(self, script: str, *args: Any) -> Any:
        """`script` as the body of a function called with `args`; its return value."""
        return self._call("POST", self._path("execute/sync"), {"script": script, "args": args})

    def run_async(self, script: str, *args: Any) -> Any:
        """`script` as the body of a function whose last argument is the callback that
        returns the result."""
        return self._call("POST", self._path("execute/async"), {"script": script, "args": args})

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        """A PNG of the viewport, or of the whole page's length."""
        shot = self.cdp(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page}
        )
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def close(self) -> None:
        if self._session:
            with contextlib.suppress(OSError, WebDriverError):
                self._call("DELETE", f"/session/{self._session}")
            self._session = ""
        if self._driver.poll() is None:
            self._driver.terminate()
            try:
                self._driver.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._driver.kill()
                self._driver.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
