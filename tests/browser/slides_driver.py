"""Driving the course's slides from the browser tests: the static slides of the site
(reveal.js, no kernel) and the live slides in JupyterLab (jupyterlab-slideshow's deck mode).

Beside lab_driver.py, which starts JupyterLab and opens notebooks; these helpers measure
slides, step through them and read what each one shows.
"""

import json
import time

from course_tools.slides import PRESENT_SETTINGS, SCREEN

# --- the static slides (site/slides/NN_name.html) --------------------------------------------

# For every slide of a reveal.js deck, with all its fragments shown: its height (the bottom of
# its lowest cell, below the slide's top) and the bottom of each cell it shows, in order. Cells
# in the speaker notes (aside.notes) are not on the slide and are left out.
MEASURE_STATIC = """async () => {
    const wait = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 30)));
    const result = [];
    const slides = Reveal.getSlides();
    for (const slide of slides) {
        const {h, v} = Reveal.getIndices(slide);
        Reveal.slide(h, v, 1000);
        await wait();
        const top = slide.getBoundingClientRect().top;
        const onSlide = node => !node.closest('aside.notes');
        const cells = [...slide.querySelectorAll('.jp-Cell')].filter(onSlide);
        const bottoms = cells.map(c => c.getBoundingClientRect().bottom - top);
        const style = getComputedStyle(slide);
        const padding = parseFloat(style.paddingBottom) || 0;
        result.push({h, v, height: Math.max(0, ...bottoms) + padding, bottoms: bottoms,
                     images: [...slide.querySelectorAll('img')].filter(onSlide)
                        .filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)});
    }
    return result;
}"""


def open_static_slides(page, path):
    """Open a static slide deck (a file) and wait until reveal.js and MathJax are ready."""
    page.goto(path.as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=60_000)
    page.wait_for_function(
        "() => !window.MathJax || !MathJax.Hub || MathJax.Hub.queue.pending === 0",
        timeout=60_000,
    )
    time.sleep(0.3)


def measure_static_slides(page):
    """[{h, v, height, bottoms, images}] for every slide of the open deck (see MEASURE_STATIC)."""
    return page.evaluate(MEASURE_STATIC)


# --- the live slides: jupyterlab-slideshow in JupyterLab --------------------------------------

DECK_ACTIVE = "() => document.body.dataset.jpDeckMode === 'presenting'"

# What the current slide shows: the indices (0-based) of the notebook's cells on screen.
ON_SCREEN = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cells = panel.content.widgets;
    const shown = [];
    cells.forEach((cell, index) => {
        if (cell.node.classList.contains('jp-deck-mod-onscreen')
            && getComputedStyle(cell.node).display !== 'none') shown.push(index);
    });
    return shown;
}"""


def deck_slide(page):
    """The notebook cells (0-based) that the deck shows now."""
    return page.evaluate(ON_SCREEN)


def deck_height(page):
    """How far the content of the slide on screen reaches below the top of the window, in CSS
    pixels: the bottom of the lowest cell on screen, scrolled as the deck shows it."""
    return page.evaluate("""() => {
        const nodes = [...document.querySelectorAll('.jp-Deck .jp-Cell.jp-deck-mod-onscreen')]
            .filter(node => getComputedStyle(node).display !== 'none');
        const notebook = document.querySelector('.jp-Deck .jp-Notebook');
        const scrolled = notebook ? notebook.scrollTop : 0;
        return Math.max(0, ...nodes.map(node => node.getBoundingClientRect().bottom + scrolled));
    }""")


def write_settings(folder, settings):
    for name, value in settings.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


__all__ = [
    "SCREEN",
    "DECK_ACTIVE",
    "deck_height",
    "deck_slide",
    "measure_static_slides",
    "open_static_slides",
    "PRESENT_SETTINGS",
    "write_settings",
]
