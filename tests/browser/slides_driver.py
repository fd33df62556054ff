"""Driving the course's slides from the browser tests: the static slides of the site
(reveal.js, no kernel) and the live slides in JupyterLab (jupyterlab-slideshow's deck mode).

Beside lab_driver.py, which starts JupyterLab and opens notebooks; these helpers measure
slides, step through them and read what each one shows.
"""

import json

from course_tools.slides import PRESENT_SETTINGS, SCREEN

# --- the static slides (site/slides/NN_name.html) --------------------------------------------

# For every slide of a reveal.js deck, with all its fragments shown: its height (the bottom of
# its lowest cell, below the slide's top) and the bottom of each cell it shows, in order. Cells
# in the speaker notes (aside.notes) are not on the slide and are left out.
MEASURE_STATIC = """async () => {
    // MathJax can only measure the maths of a slide on screen: typeset the slide again, as the
    // template does on every slide change, and wait until that is done
    const wait = slide => new Promise(resolve => requestAnimationFrame(() => {
        if (window.MathJax && MathJax.Hub)
            MathJax.Hub.Queue(["Rerender", MathJax.Hub, slide], () => setTimeout(resolve, 20));
        else setTimeout(resolve, 30);
    }));
    const result = [];
    const slides = Reveal.getSlides();
    for (const slide of slides) {
        const {h, v} = Reveal.getIndices(slide);
        Reveal.slide(h, v, 1000);
        await wait(slide);
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
    # MathJax typesets the whole page once it has started: wait until its queue reaches us
    page.wait_for_function("() => window.MathJax && MathJax.isReady", timeout=60_000)
    page.evaluate("() => MathJax.Hub.Queue(() => { window.courseMathDone = true; })")
    page.wait_for_function("() => window.courseMathDone === true", timeout=60_000)


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
    """How tall the slide on screen is, in CSS pixels: from the top of its first cell to the
    bottom of its last (the deck centres a short slide; a tall one starts at the top and
    scrolls)."""
    return page.evaluate("""() => {
        const nodes = [...document.querySelectorAll('.jp-Deck .jp-Cell.jp-deck-mod-onscreen')]
            .filter(node => getComputedStyle(node).display !== 'none');
        if (!nodes.length) return 0;
        const boxes = nodes.map(node => node.getBoundingClientRect());
        return Math.max(...boxes.map(b => b.bottom)) - Math.min(...boxes.map(b => b.top));
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
