"""The playground of notebook 11 driven by clicks, and the faults a learner meets.

Play must train (the displayed loss goes down, the boundary picture changes),
Pause must stop, Reset must reset; a playground left playing when the page is
closed must not keep the kernel busy; a kernel restarted half-way through a
notebook must not break "Run All".
"""

import re
import time

import pytest
from lab_driver import KERNEL_READY, open_notebook, page_problems, restart_and_run_all, run_command

pytestmark = pytest.mark.browser
PLAYGROUND = "11_playground.ipynb"


def number(page, selector):
    """The first number shown in the first element matching `selector`."""
    text = page.locator(selector).first.inner_text()
    match = re.search(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text.replace(",", ""))
    assert match, f"no number in {selector!r}: {text!r}"
    return float(match.group())


def boundary_source(page):
    """The pixels of the output map, as a data URL (its src is a fresh blob: URL per update)."""
    return page.locator(".playground-boundary").first.evaluate("""image => {
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth; canvas.height = image.naturalHeight;
        canvas.getContext('2d').drawImage(image, 0, 0);
        return canvas.toDataURL();
    }""")


def wait_until(condition, timeout=30.0, interval=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


@pytest.fixture
def playground_page(page, lab):
    open_notebook(page, lab, PLAYGROUND)
    restart_and_run_all(page)
    page.locator(".playground-play").first.wait_for(timeout=30_000)
    page.locator(".playground-play").first.scroll_into_view_if_needed()
    return page


def test_play_trains_pause_stops_reset_resets(playground_page):
    page = playground_page
    epoch_0, loss_0, picture_0 = (
        number(page, ".playground-epoch"),
        number(page, ".playground-train-loss"),
        boundary_source(page),
    )
    assert epoch_0 == 0
    page.locator(".playground-play").first.click()
    assert wait_until(lambda: number(page, ".playground-epoch") >= 200), (
        "Play did not train 200 epochs in 30 s"
    )
    page.locator(".playground-pause").first.click()
    time.sleep(0.5)
    epoch_paused = number(page, ".playground-epoch")
    loss_paused = number(page, ".playground-train-loss")
    assert loss_paused < loss_0, (
        f"the displayed training loss did not go down: {loss_0} -> {loss_paused}"
    )
    assert boundary_source(page) != picture_0, "the decision-boundary picture did not change"
    time.sleep(1.0)
    assert number(page, ".playground-epoch") == epoch_paused, "training went on after Pause"
    page.locator(".playground-reset").first.click()
    assert wait_until(lambda: number(page, ".playground-epoch") == 0), (
        "Reset did not set the epoch back to 0"
    )
    assert number(page, ".playground-train-loss") == pytest.approx(loss_0)
    assert boundary_source(page) == picture_0, "Reset did not restore the initial boundary"


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / 100.0


def test_playground_left_playing_when_the_page_closes_leaves_the_kernel_idle(playground_page, lab):
    page = playground_page
    page.locator(".playground-play").first.click()
    assert wait_until(lambda: number(page, ".playground-epoch") > 0), "Play did not start"
    page.close()  # the learner closes the tab while it plays
    # its own kernel only: the idle kernels of other tests' notebooks use a little CPU too
    kernels = lab.kernel_pids(PLAYGROUND)
    assert kernels, "no kernel process found"
    time.sleep(3.0)
    before = cpu_seconds(kernels)
    time.sleep(3.0)
    used = cpu_seconds(kernels) - before
    assert used < 0.5, (
        f"its kernel used {used:.2f} s of CPU in 3 s after the page closed: playing did not stop"
    )
    states = {kernel["execution_state"] for kernel in lab.api("/api/kernels")}
    assert states <= {"idle"}, f"kernels not idle: {states}"


def test_restarting_the_kernel_half_way_then_run_all_works(page, lab):
    open_notebook(page, lab, "03_forward_pass.ipynb")
    for _ in range(6):  # the learner runs a few cells with Shift+Enter ...
        run_command(page, "notebook:run-cell-and-select-next")
        time.sleep(0.3)
    run_command(page, "notebook:restart-kernel")  # ... restarts the kernel half-way ...
    page.click(".jp-Dialog .jp-mod-accept", timeout=20_000)
    page.wait_for_function(KERNEL_READY, timeout=60_000)
    restart_and_run_all(page)  # ... and runs everything again
    assert page_problems(page, lab) == []
