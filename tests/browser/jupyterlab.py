"""Driving a notebook in JupyterLab from Playwright, and reading what the page shows.

JupyterLab is started with `expose_app_in_browser`, so `window.jupyterapp`
gives the page's own command registry: the tests press the same
"Restart Kernel and Run All Cells" a learner does.
"""

import time

CURRENT = "window.jupyterapp.shell.currentWidget"

KERNEL_READY = f"""() => {{
    const panel = window.jupyterapp && {CURRENT};
    const kernel = panel && panel.sessionContext && panel.sessionContext.session
                   && panel.sessionContext.session.kernel;
    return Boolean(kernel) && kernel.status === 'idle';
}}"""

ALL_RUN = f"""() => {{
    const panel = {CURRENT};
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (!kernel || kernel.status !== 'idle') return false;
    const prompts = [...panel.node.querySelectorAll('.jp-InputPrompt')].map(p => p.textContent);
    if (prompts.some(text => text.includes('*'))) return false;
    const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
    return cells.every(cell => cell.model.executionCount !== null);
}}"""

# One entry per problem a learner would see, naming the cell (1-based, as in the hygiene tests).
PROBLEMS = """() => {
    const problems = [];
    const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')];
    cells.forEach((cell, index) => {
        const where = `cell ${index + 1}`;
        for (const output of cell.querySelectorAll('.jp-OutputArea-output')) {
            const mime = output.getAttribute('data-mime-type') || '';
            const text = output.innerText.trim().slice(0, 300);
            if (mime.includes('error')) problems.push(`${where}: error output: ${text}`);
            else if (mime.includes('stderr')) problems.push(`${where}: stderr output: ${text}`);
            if (/Error displaying widget|Loading widget\\.\\.\\./.test(output.innerText))
                problems.push(`${where}: widget did not render: ${text}`);
            if (mime === 'application/vnd.jupyter.widget-view+json'
                && !output.querySelector('.jupyter-widgets, .lm-Widget'))
                problems.push(`${where}: widget output is empty`);
        }
        for (const image of cell.querySelectorAll('img')) {
            if (!image.complete || image.naturalWidth === 0)
                problems.push(`${where}: image failed to load: ${image.getAttribute('src').slice(0, 120)}`);
        }
    });
    return problems;
}"""

MARKDOWN_LINKS = """() => {
    const links = [];
    const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')];
    cells.forEach((cell, index) => {
        for (const a of cell.querySelectorAll('.jp-RenderedMarkdown a[href]'))
            links.push([index + 1, a.getAttribute('href'), a.href]);
    });
    return links;
}"""


def open_notebook(page, lab, name, timeout=90_000):
    """Open notebooks/<name> in JupyterLab and wait until its kernel is idle."""
    page.goto(lab.notebook_url(name))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout)
    page.wait_for_function(KERNEL_READY, timeout=timeout)


def run_command(page, command):
    """Execute a JupyterLab command without waiting for it (it may open a dialog)."""
    page.evaluate(f"() => {{ window.jupyterapp.commands.execute({command!r}); return true; }}")


def restart_and_run_all(page, timeout=240_000):
    """Kernel → Restart Kernel and Run All Cells…, confirm, and wait until every cell ran."""
    run_command(page, "notebook:restart-run-all")
    page.click(".jp-Dialog .jp-mod-accept", timeout=20_000)
    time.sleep(1.0)  # let the restart begin before polling for idle
    page.wait_for_function(ALL_RUN, timeout=timeout, polling=500)


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
                problems.append(f"cell {cell}: markdown link to a missing file: {path.split('/files/', 1)[1]}")
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
