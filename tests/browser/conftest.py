"""Fixtures for the browser tests: a real JupyterLab server and headless Chromium.

The server runs from this environment on 127.0.0.1, on a random free port,
with a random token, serving a temporary copy of the course (so JupyterLab's
autosave never touches the committed notebooks). Chromium is Debian's
system browser, driven by Playwright for Python; nothing is downloaded.

Without Chromium (or Playwright) the browser tests are skipped with a
one-line reason, unless COURSE_REQUIRE_BROWSER=1 (set by .ci/run), which
turns the skip into a failure so CI always runs them.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def find_chromium():
    for name in ["chromium", "chromium-browser", "google-chrome"]:
        path = shutil.which(name)
        if path:
            return path
    return None


def skip_or_fail(reason):
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (COURSE_REQUIRE_BROWSER=1 forbids skipping browser tests)")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_server(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"JupyterLab did not answer at {url} within {timeout} s")


class LabServer:
    """A running JupyterLab: its base URL, token, served folder and process."""

    def __init__(self, root, extra_args=(), open_browser=False):
        self.root = root
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        settings = root / ".lab-settings"
        tracker = settings / "@jupyterlab" / "notebook-extension"
        tracker.mkdir(parents=True)
        # Render every cell (no virtual scrolling), so the tests and the
        # full-page screenshots see the whole notebook.
        (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
        command = [sys.executable, "-m", "jupyter", "lab", "--ServerApp.ip=127.0.0.1",
                   f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}",
                   "--LabApp.expose_app_in_browser=True", f"--LabApp.user_settings_dir={settings}",
                   f"--LabApp.workspaces_dir={root / '.lab-workspaces'}", *extra_args]
        if not open_browser:
            command.append("--no-browser")
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self.log = open(root / "jupyterlab.log", "w")
        self.process = subprocess.Popen(command, cwd=root, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for_server(f"{self.url}/api/status?token={self.token}", self.process)

    def api(self, path):
        with urllib.request.urlopen(f"{self.url}{path}?token={self.token}", timeout=10) as response:
            return json.loads(response.read())

    def notebook_url(self, name):
        return f"{self.url}/lab/tree/notebooks/{name}?token={self.token}"

    def kernel_pids(self):
        """Process ids of the kernels this server started (Linux /proc only)."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            parent = int(status.split("PPid:")[1].split()[0])
            if parent == self.process.pid and "ipykernel" in cmdline:
                pids.append(int(entry.name))
        return pids

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def copy_course(destination):
    for folder in ["notebooks", "images"]:
        shutil.copytree(ROOT / folder, destination / folder)
    shutil.copy(ROOT / "README.md", destination / "README.md")
    return destination


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        skip_or_fail("Chromium is not installed: browser tests skipped (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail("Playwright for Python is not installed: browser tests skipped")
    return path


@pytest.fixture(scope="session")
def lab(tmp_path_factory, chromium_path):
    server = LabServer(copy_course(tmp_path_factory.mktemp("course")))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
