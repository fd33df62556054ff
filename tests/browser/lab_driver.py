"""Driving JupyterLab from the browser tests: a real server, and Playwright
helpers that press what a learner presses and read what the page shows.

The server runs from this environment on 127.0.0.1, on a random free port,
with a random token, serving a temporary copy of the course (so JupyterLab's
autosave never touches the committed notebooks). It is started with
`expose_app_in_browser`, so `window.jupyterapp` gives the page's own command
registry: the tests run "Restart Kernel and Run All Cells" as a learner does.
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

from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def find_chromium():
    for name in ["chromium", "chromium-browser", "google-chrome"]:
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_server(url, process, timeout=120):
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
        # No "news" or "updates" toast: it would ask to reach the internet and cover the
        # screenshots.
        notification = settings / "@jupyterlab" / "apputils-extension"
        notification.mkdir(parents=True)
        (notification / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
        command = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={root / '.lab-workspaces'}",
            *extra_args,
        ]
        if not open_browser:
            command.append("--no-browser")
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self.log = open(root / "jupyterlab.log", "w")
        self.process = subprocess.Popen(
            command, cwd=root, stdout=self.log, stderr=subprocess.STDOUT
        )
        wait_for_server(f"{self.url}/api/status?token={self.token}", self.process)

    def api(self, path):
        with urllib.request.urlopen(f"{self.url}{path}?token={self.token}", timeout=10) as response:
            return json.loads(response.read())

    def notebook_url(self, name):
        # ?reset: start from an empty workspace, so notebooks opened by
        # earlier tests are not restored next to this one
        return f"{self.url}/lab/tree/notebooks/{name}?reset&token={self.token}"

    def kernel_pids(self, notebook=None):
        """Process ids of the kernels this server started (Linux /proc only); given a notebook's
        file name, only the kernel of its session."""
        wanted = None
        if notebook is not None:
            sessions = self.api("/api/sessions")
            wanted = [s["kernel"]["id"] for s in sessions if s["path"].endswith(notebook)]
            if not wanted:
                return []
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
                # a kernel's command line names its connection file, kernel-<id>.json
                if wanted is None or any(kernel_id in cmdline for kernel_id in wanted):
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
    """Copy the course (not its git history, environment or test outputs) into `destination`."""
    ignore = shutil.ignore_patterns(
        ".git",
        ".venv",
        "screenshots",
        "site",
        "learner_copies",
        "__pycache__",
        "*.egg-info",
        ".ipynb_checkpoints",
    )
    shutil.copytree(ROOT, destination, ignore=ignore, dirs_exist_ok=True)
    return destination


CURRENT = "window.jupyterapp.shell.currentWidget"

KERNEL_READY = f"""() => {{
    const panel = window.jupyterapp && {CURRENT};
    const kernel = panel && panel.sessionContext && panel.sessionContext.session
                   && panel.sessionContext.session.kernel;
    return Boolean(kernel) && kernel.status === 'idle';
}}"""

# Where a Run All stands: the kernel's status, the code cells (1-based) running or queued (a
# '*' prompt) and not run, and the stderr or error outputs so far.
RUN_STATE = f"""() => {{
    const panel = {CURRENT};
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    const state = {{kernel: kernel ? kernel.status : 'none', running: [], notRun: [], errors: []}};
    panel.content.widgets.forEach((cell, index) => {{
        if (cell.model.type !== 'code') return;
        const prompt = cell.node.querySelector('.jp-InputPrompt');
        if (prompt && prompt.textContent.includes('*')) state.running.push(index + 1);
        else if (cell.model.executionCount === null) state.notRun.push(index + 1);
        const error = cell.node.querySelector('[data-mime-type="application/vnd.jupyter.stderr"]');
        if (error) state.errors.push(`cell ${{index + 1}}: ${{error.innerText.slice(-300)}}`);
    }});
    return state;
}}"""

ALL_RUN = f"""() => {{
    const state = ({RUN_STATE})();
    return state.kernel === 'idle' && !state.running.length && !state.notRun.length;
}}"""

# One entry per problem a learner would see, naming the cell (1-based, as in the hygiene tests).
NOTEBOOK_CELLS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell"
PROBLEMS = (
    """() => {
    const problems = [];
    const cells = [...document.querySelectorAll('%s')];
    cells.forEach((cell, index) => {
        const where = `cell ${index + 1}`;
        for (const output of cell.querySelectorAll('.jp-OutputArea-output')) {
            const mime = output.getAttribute('data-mime-type') || '';
            const text = output.innerText.trim().slice(0, 300);
            // JupyterLab shows tracebacks and warnings alike as stderr output
            if (mime.includes('error') || mime.includes('stderr')) {
                const kind = /Traceback|Error:/.test(text)
                    ? 'error output' : 'stderr output (a warning?)';
                problems.push(`${where}: ${kind}: ${text}`);
            }
            // ipywidgets draws a failed view as an error icon; an unrendered one says
            // "Loading widget..."
            if (output.querySelector('.jupyter-widgets-error-widget')
                || /Error displaying widget|Loading widget\\.\\.\\./.test(output.innerText))
                problems.push(`${where}: widget did not render: ${text}`);
        }
        for (const image of cell.querySelectorAll('img')) {
            if (!image.complete || image.naturalWidth === 0)
                problems.push(
                    `${where}: image failed to load: ${image.getAttribute('src').slice(0, 120)}`);
        }
    });
    return problems;
}"""
    % NOTEBOOK_CELLS
)

MARKDOWN_LINKS = (
    """() => {
    const links = [];
    const cells = [...document.querySelectorAll('%s')];
    cells.forEach((cell, index) => {
        for (const a of cell.querySelectorAll('.jp-RenderedMarkdown a[href]'))
            links.push([index + 1, a.getAttribute('href'), a.href]);
    });
    return links;
}"""
    % NOTEBOOK_CELLS
)


def write_notebook(path, cells):
    """Write a python3 notebook of code cells (their sources) to path; returns its file name."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in cells])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return Path(path).name


def open_notebook(page, lab, name, timeout=180_000):
    """Open notebooks/<name> in JupyterLab and wait until its kernel is idle."""
    page.goto(lab.notebook_url(name))
    page.wait_for_selector(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", timeout=timeout
    )
    page.wait_for_function(KERNEL_READY, timeout=timeout)


def run_command(page, command):
    """Execute a JupyterLab command without waiting for it (it may open a dialog)."""
    page.evaluate(f"() => {{ window.jupyterapp.commands.execute({command!r}); return true; }}")


def restart_and_run_all(page, timeout=400_000, stop_on_error=False):
    """Kernel → Restart Kernel and Run All Cells…, confirm, and wait until every
    cell ran (or, with stop_on_error, until the kernel is idle again: Run All
    stops at the first error)."""
    run_command(page, "notebook:restart-run-all")
    page.click(".jp-Dialog .jp-mod-accept", timeout=60_000)
    time.sleep(1.0)  # let the restart begin before polling for idle
    try:
        page.wait_for_function(
            KERNEL_READY if stop_on_error else ALL_RUN, timeout=timeout, polling=500
        )
    except PlaywrightTimeout:
        state = page.evaluate(RUN_STATE)
        notebook = page.evaluate(f"() => {CURRENT}.context.path.split('/').pop()")
        shot = f"run-all-did-not-finish-{notebook.removesuffix('.ipynb')}.png"
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / shot))
        cells = {key: ",".join(map(str, state[key])) for key in ("running", "notRun")}
        raise AssertionError(
            f"Run All did not finish in {timeout / 1000:.0f} s: kernel {state['kernel']}; "
            f"cells running or queued: [{cells['running']}]; code cells not run: "
            f"[{cells['notRun']}]; stderr or errors: {' | '.join(state['errors']) or 'none'} "
            f"(screenshots/{shot})"
        ) from None
    if stop_on_error:
        time.sleep(2.0)


def wait_for_images(page, timeout=15.0):
    deadline = time.monotonic() + timeout
    script = "() => [...document.querySelectorAll('.jp-Notebook img')].every(i => i.complete)"
    while time.monotonic() < deadline and not page.evaluate(script):
        time.sleep(0.25)


def page_problems(page, lab):
    """Everything wrong on the page: error/stderr outputs, widgets that did not
    render, images that did not load, markdown links to missing files."""
    wait_for_images(page)
    problems = page.evaluate(PROBLEMS)
    checked = {}
    for cell, raw, resolved in page.evaluate(MARKDOWN_LINKS):
        if not resolved.startswith(lab.url) or raw.startswith("#"):
            continue  # external links are credited references, not checked offline
        address = resolved.split("#")[0]
        if "/files/" in address:
            path = address.split("?")[0]
            if path not in checked:
                checked[path] = page.request.get(f"{path}?token={lab.token}").status
            if checked[path] != 200:
                problems.append(
                    f"cell {cell}: markdown link to a missing file: {path.split('/files/', 1)[1]}"
                )
    return problems


def full_page_screenshot(page, path):
    """A screenshot of the whole notebook: the viewport is stretched to its height."""
    height = page.evaluate(f"""() => {{
        const node = {CURRENT}.node;
        const scroller = node.querySelector('.jp-WindowedPanel-outer') || node;
        return scroller.scrollHeight;
    }}""")
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 200, 30_000)})
    time.sleep(0.5)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1280, "height": 900})


def set_theme(page, dark):
    """Switch JupyterLab to its dark (or light) theme and wait until the page shows it."""
    name = "JupyterLab Dark" if dark else "JupyterLab Light"
    page.evaluate(
        f"() => {{ window.jupyterapp.commands.execute('apputils:change-theme', "
        f"{{theme: {name!r}}}); return true; }}"
    )
    light = "false" if dark else "true"
    page.wait_for_function(
        f"() => document.body.dataset.jpThemeLight === '{light}'", timeout=30_000
    )
    time.sleep(1.0)  # the theme's stylesheet loads after the attribute changes


# The contrast of text (or lines) with what lies behind it, as WCAG 2 defines it: from 1 (none)
# to 21 (black on white). Text needs 4.5 to be read easily, lines and shapes 3.
CONTRASTS = """([selector, property]) => {
    const rgba = text => (text.match(/[\\d.]+/g) || []).map(Number);
    const channel = v => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    const luminance = ([r, g, b]) =>
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const behind = element => {  // the first background that is not (nearly) transparent
        for (let node = element; node; node = node.parentElement) {
            const colour = rgba(getComputedStyle(node).backgroundColor);
            if (colour.length === 3 || colour[3] > 0.5) return colour.slice(0, 3);
        }
        return [255, 255, 255];
    };
    return [...document.querySelectorAll(selector)]
        .filter(element => element.getClientRects().length > 0)
        .map(element => {
            const front = rgba(getComputedStyle(element)[property]).slice(0, 3);
            const back = behind(element);
            const [a, b] = [luminance(front), luminance(back)].sort((x, y) => y - x);
            const text = element.textContent || element.className.baseVal || '';
            return {text: text.trim().slice(0, 40), front, back, ratio: (a + 0.05) / (b + 0.05)};
        });
}"""


def contrasts(page, selector, property="color"):
    """The contrast ratio of every visible element matching `selector` with its background:
    a list of dicts (text, front, back, ratio). property: "color" for HTML text, "fill" for SVG
    text, "stroke" for lines."""
    return page.evaluate(CONTRASTS, [selector, property])
