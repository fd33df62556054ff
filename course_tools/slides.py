"""The notebooks as slides: the slideshow metadata, its rules, and the kernel-free slides.

A cell's `metadata.slideshow.slide_type`, the field that JupyterLab's property inspector sets
and that jupyterlab-slideshow (live slides, `python3 course.py present`) and nbconvert (the
static slides of the site) read, says where it goes:

    slide     starts a new slide: a heading, an exercise, a key figure
    fragment  appears on the next key press, on the slide above it
    notes     speaker notes: not on the slides (the static slides' speaker view, key S, has them)
    skip      not on the slides: long prose, set-up code, code that only prepares a figure
    (none)    continues the slide above it. Not "-": nbconvert reads "-" so, but
              jupyterlab-slideshow 0.3.4 then leaves the cell off the slides altogether.

A code cell of more than MAX_CODE_LINES lines that draws a figure is shown by its figure alone:
its input is folded (`metadata.jupyter.source_hidden`, JupyterLab's "collapse input"), in
JupyterLab and on the slides alike; a click on the folded input opens it.

    python -m course_tools.slides check [NOTEBOOK ...]   the rules below; exit status 1 if broken
    python -m course_tools.slides outline NOTEBOOK       the slides, one line per cell shown
    python -m course_tools.slides draft NOTEBOOK         a first guess for every cell without a type
    python -m course_tools.slides build [--out FOLDER]   only the static slides (default site/)

The rules (tests/test_slides.py runs them on every notebook; the browser tests measure that no
static slide is taller than FIT_HEIGHT, and no live slide of two notebooks taller than SCREEN, at
the course's slide fonts, SLIDE_FONTS):
    - every slide type is one of SLIDE_TYPES, and `slideshow` holds nothing else;
    - the first cell (title and objectives) and the last (key points) each start a slide;
    - every exercise starts a slide;
    - no code cell shown on a slide has more than MAX_CODE_LINES lines;
    - only a code cell that draws a picture has its input folded (else its slide is empty);
    - a live widget ends its slide, after at most one other cell (it is taller than its picture).

The static slides (`build`): site/slides/NN_name.html for every notebook, the stored outputs
without a kernel, on reveal.js 5.2.1 from course_tools/vendor/reveal.js (copied to
site/reveal.js/ with its licence) and MathJax from site/mathjax/. Nothing is loaded from the
internet. Keys: arrows or space to move, S for the speaker view with the notes, Esc for an
overview of all slides.
"""

import argparse
import hashlib
import re
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
REVEAL = Path(__file__).resolve().parent / "vendor" / "reveal.js"
SLIDE_TYPES = ("slide", "subslide", "fragment", "notes", "skip")
SHOWN = ("slide", "subslide", "fragment", None)
MAX_CODE_LINES = 15
# The projector the slides are made for, in CSS pixels, and the fonts they use there: JupyterLab's
# own presentation sizes (View > Presentation Mode), for prose and for code.
SCREEN = (1280, 720)
SLIDE_FONTS = {"content-font-size1": "17px", "code-font-size": "16px"}
# How tall a static slide may be: the screen less 40 pixels, because JupyterLab lays the same cells
# out a little taller (its code editor, MathJax 3): on the 73 slides of notebooks 04, 05 and 06,
# a live slide was at most 5 % taller than its static twin.
FIT_HEIGHT = SCREEN[1] - 40
# The layout both kinds of slides share, on top of JupyterLab's: a figure at most FIGURE_HEIGHT
# tall (scaled down, never cropped, so a heading fits above it) and less space between paragraphs.
# The static slides apply it inside `.reveal`, JupyterLab only while presenting.
FIGURE_HEIGHT = "480px"
SLIDE_STYLES = {
    ".jp-Cell img": {"max-height": FIGURE_HEIGHT, "width": "auto"},
    **{
        f".jp-RenderedHTMLCommon {element}": {"margin-bottom": "0.5em"}
        for element in ["p", "ul", "ol", "blockquote", "table", "pre"]
    },
    ".jp-RenderedHTMLCommon h1:first-child": {"margin-top": "0"},
}


def scoped_styles(scope):
    """SLIDE_STYLES with every selector inside `scope`, each value !important (as CSS text)."""
    return "\n".join(
        f"{scope} {selector} {{ "
        + " ".join(f"{name}: {value} !important;" for name, value in rules.items())
        + " }"
        for selector, rules in SLIDE_STYLES.items()
    )


PRESENTING = "body[data-jp-deck-mode='presenting']"
# The settings JupyterLab presents with (course_tools/present.py writes them into a settings
# folder of its own, so the instructor's own settings stay as they are): jupyterlab-slideshow's
# deck mode on, the slide fonts (JupyterLab's theme overrides), SLIDE_STYLES while presenting
# (jupyterlab-fonts' global styles).
PRESENT_SETTINGS = {
    "jupyterlab-slideshow/plugin.jupyterlab-settings": {"active": True},
    "@jupyterlab/apputils-extension/themes.jupyterlab-settings": {"overrides": SLIDE_FONTS},
    "@deathbeds/jupyterlab-fonts/fonts.jupyterlab-settings": {
        "styles": {
            f"{PRESENTING} {selector}": {
                name: f"{value} !important" for name, value in rules.items()
            }
            for selector, rules in SLIDE_STYLES.items()
        }
    },
    # no "news" or "update" toast: it would ask to reach the internet, in front of the room
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
EXERCISE = re.compile(r"^#+\s.*\bExercise\b", re.MULTILINE | re.IGNORECASE)
SOLUTION = re.compile(r"<details>\s*<summary>\s*Solution", re.IGNORECASE)
# A cell that shows a live widget: its last line calls an explorer or the widget demo, or shows
# the playground `pg` (such cells are tagged nbval-ignore-output).
LIVE_WIDGET = re.compile(r"^(\w+\.)?\w*(explorer|widget_demo)\(.*\)$|^pg$")


def slide_type(cell):
    """The cell's slide type, or None when it has none."""
    return cell.metadata.get("slideshow", {}).get("slide_type")


def input_folded(cell):
    return bool(cell.metadata.get("jupyter", {}).get("source_hidden"))


def shows_picture(cell):
    return any("image/png" in output.get("data", {}) for output in cell.get("outputs", []))


def shows_widget(cell):
    lines = cell.source.strip().splitlines() if cell.cell_type == "code" else []
    return bool(lines) and bool(LIVE_WIDGET.match(lines[-1].strip()))


def code_lines(cell):
    """Lines of code a slide shows for this cell (none when its input is folded)."""
    return 0 if input_folded(cell) else len(cell.source.splitlines())


def slides(nb):
    """The slides of a notebook: a list of lists of cell indices, notes and skipped cells left out.

    A cell without a type continues the slide above it, as in nbconvert and jupyterlab-slideshow.
    """
    result = []
    for index, cell in enumerate(nb.cells):
        kind = slide_type(cell)
        if kind in ("notes", "skip"):
            continue
        if kind in ("slide", "subslide") or not result:
            result.append([])
        result[-1].append(index)
    return result


# --- the rules ---------------------------------------------------------------------------------


def where(index, cell):
    return f"cell {index + 1} ({cell.cell_type})"


def rule_slide_types(nb, path=None):
    problems = []
    for index, cell in enumerate(nb.cells):
        slideshow = cell.metadata.get("slideshow", {})
        kind = slide_type(cell)
        if kind == "-":
            problems.append(
                f'{where(index, cell)} has slide type "-": remove it (no type continues the '
                'slide; jupyterlab-slideshow leaves a "-" cell off the slides)'
            )
        elif "slideshow" in cell.metadata and kind not in SLIDE_TYPES:
            problems.append(
                f"{where(index, cell)} has slide type {kind!r}, not one of {', '.join(SLIDE_TYPES)}"
            )
        if set(slideshow) - {"slide_type"}:
            problems.append(f"{where(index, cell)}: slideshow metadata other than slide_type")
    return problems


def rule_title_and_key_points_slides(nb, path=None):
    problems = []
    if not nb.cells or slide_type(nb.cells[0]) != "slide":
        problems.append("the first cell (title and objectives) must start a slide")
    if not nb.cells or slide_type(nb.cells[-1]) != "slide":
        problems.append("the last cell (key points) must start a slide")
    return problems


def rule_exercises_start_a_slide(nb, path=None):
    return [
        f"{where(index, cell)} is an exercise: it must start a slide, to say what to try"
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "markdown" and EXERCISE.search(cell.source)
        if slide_type(cell) != "slide"
    ]


def rule_code_fits_a_slide(nb, path=None):
    return [
        f"{where(index, cell)} shows {code_lines(cell)} lines of code on a slide (at most "
        f"{MAX_CODE_LINES}): split it, mark it skip, or fold its input if it draws a figure"
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and slide_type(cell) in SHOWN
        if code_lines(cell) > MAX_CODE_LINES
    ]


def rule_folded_input_shows_a_picture(nb, path=None):
    problems = []
    for index, cell in enumerate(nb.cells):
        jupyter = cell.metadata.get("jupyter", {})
        if set(jupyter) - {"source_hidden"} or jupyter.get("source_hidden") not in (None, True):
            problems.append(f"{where(index, cell)}: `jupyter` metadata other than source_hidden")
        if input_folded(cell) and not (cell.cell_type == "code" and shows_picture(cell)):
            problems.append(
                f"{where(index, cell)} has its input folded but draws no picture: "
                "its slide would show nothing"
            )
    return problems


def rule_live_widget_has_its_slide(nb, path=None):
    """A live widget is taller than the picture it stores, so the static slides cannot measure
    its slide: it ends its slide, after at most one other cell (the prompt saying what to try)."""
    problems = []
    for cells in slides(nb):
        for position, index in enumerate(cells):
            if shows_widget(nb.cells[index]) and (position > 1 or index != cells[-1]):
                problems.append(
                    f"{where(index, nb.cells[index])} shows a live widget: start its slide with "
                    "it or the one cell before it, and end the slide with it"
                )
    return problems


RULES = [
    rule_slide_types,
    rule_title_and_key_points_slides,
    rule_exercises_start_a_slide,
    rule_code_fits_a_slide,
    rule_folded_input_shows_a_picture,
    rule_live_widget_has_its_slide,
]


def problems(nb, path=None):
    return [problem for rule in RULES for problem in rule(nb, path)]


# --- a first guess, for a new notebook ---------------------------------------------------------


def draft_type(nb, index):
    """A first guess at a cell's slide type (None: continue the slide) and whether to fold its
    input, for an author to correct: headings, exercises, the first and last cell start slides;
    long prose becomes notes; the set-up imports and long code without a figure are skipped."""
    cell = nb.cells[index]
    if index in (0, len(nb.cells) - 1):
        return "slide", False
    if cell.cell_type == "markdown":
        text = SOLUTION.split(cell.source)[0]
        if re.match(r"\s*#+\s", cell.source) or EXERCISE.search(cell.source):
            return "slide", False
        return ("notes" if len(text.split()) > 90 else None), False
    if shows_widget(cell):
        previous = nb.cells[index - 1]
        short = previous.cell_type == "markdown" and len(previous.source.split()) < 60
        return (None if short else "slide"), False
    lines = len(cell.source.splitlines())
    first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    if index == first_code and re.fullmatch(
        r"(\s*(import|from)\s[^\n]*\n?|\s+[^\n]*\n?|\)\n?)+", cell.source
    ):
        return "skip", False
    if lines > MAX_CODE_LINES:
        return (None, True) if shows_picture(cell) else ("skip", False)
    return None, False


def draft(nb):
    """Give a notebook without slides (no cell has a slide type) a first guess for every cell;
    returns how many cells were given a type or a folded input."""
    if any("slideshow" in cell.metadata for cell in nb.cells):
        return 0
    changed = 0
    for index, cell in enumerate(nb.cells):
        kind, fold = draft_type(nb, index)
        if index + 1 < len(nb.cells) and shows_widget(nb.cells[index + 1]):
            if draft_type(nb, index + 1)[0] is None:  # a short prompt, then the widget
                kind = "slide"
        if kind:
            cell.metadata["slideshow"] = {"slide_type": kind}
        if fold:
            cell.metadata["jupyter"] = {"source_hidden": True}
        changed += bool(kind or fold)
    for cells in slides(nb):  # a live widget ends its slide: what follows starts the next one
        for position, index in enumerate(cells[:-1]):
            if shows_widget(nb.cells[index]):
                nb.cells[cells[position + 1]].metadata["slideshow"] = {"slide_type": "slide"}
    return changed


def outline(nb):
    """The slides as text: one line per cell shown, notes and skipped cells counted."""
    lines = []
    for number, indices in enumerate(slides(nb), start=1):
        lines.append(f"slide {number}")
        for index in indices:
            cell = nb.cells[index]
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            kind = slide_type(cell) or ""
            extra = " (input folded)" if input_folded(cell) else ""
            lines.append(f"  {index + 1:3} {kind:8} {cell.cell_type:8} {first[:60]}{extra}")
    hidden = [slide_type(cell) for cell in nb.cells]
    lines.append(f"{hidden.count('notes')} cells of notes, {hidden.count('skip')} skipped")
    return "\n".join(lines)


# --- the static slides -------------------------------------------------------------------------

# The course's look on top of reveal.js's layout: JupyterLab's light colours and fonts at the
# slide sizes, prose and code aligned left, the cells' own spacing.
SLIDE_CSS = (
    """\
:root {
  --jp-content-font-size1: %(content-font-size1)s;
  --jp-code-font-size: %(code-font-size)s;
  --jp-ui-font-size1: %(content-font-size1)s;
}
html, body { background: #fff; }
.reveal { font-family: var(--jp-content-font-family); color: var(--jp-content-font-color1);
  font-size: var(--jp-content-font-size1); }
.reveal .slides { text-align: left; }
.reveal .slides > section, .reveal .slides > section > section { padding: 8px 24px;
  box-sizing: border-box; }
.reveal a { color: #1a5fb4; }
.reveal .progress { color: #1a5fb4; }
.reveal .controls { color: #1a5fb4; }
.reveal .jp-InputPrompt, .reveal .jp-OutputPrompt { display: none; }
.course-widget-note { font-style: italic; color: #555; }
"""
    % SLIDE_FONTS
    + scoped_styles(".reveal")
)

TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}
<script type="text/x-mathjax-config">{{ resources.course_mathjax_fonts }}</script>
{{ super() }}
{%- endblock html_head_js_mathjax -%}
{% block footer_js %}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({
  controls: true, progress: true, history: true, hash: true, center: false,
  transition: "none", slideNumber: "c/t", plugins: [RevealNotes],
  width: {{ resources.reveal.width }}, height: {{ resources.reveal.height }}, margin: 0
});
Reveal.on("slidechanged", function (event) {
  if (window.MathJax && MathJax.Hub) MathJax.Hub.Rerender(event.currentSlide);
});
</script>
{% endblock footer_js %}
"""


def exporter(reveal_url):
    from jinja2 import DictLoader
    from nbconvert import SlidesExporter

    return SlidesExporter(
        template_file="course_slides.html.j2",
        extra_loaders=[DictLoader({"course_slides.html.j2": TEMPLATE})],
        reveal_url_prefix=reveal_url,
        reveal_theme="course",
        reveal_width=str(SCREEN[0]),
        reveal_height=str(SCREEN[1]),
    )


def verify_reveal():
    """Fail in one line if the vendored reveal.js differs from its SHA256SUMS."""
    for line in (REVEAL / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        if hashlib.sha256((REVEAL / name).read_bytes()).hexdigest() != digest:
            raise SystemExit(f"{REVEAL / name} differs from its checksum in SHA256SUMS")


def copy_reveal(site):
    verify_reveal()
    target = site / "reveal.js"
    for name in ["LICENSE", "dist/reveal.js", "dist/reveal.css", "plugin/notes/notes.js"]:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REVEAL / name, target / name)
    (target / "dist" / "theme").mkdir(exist_ok=True)
    (target / "dist" / "theme" / "course.css").write_text(SLIDE_CSS, encoding="utf-8")


def slides_notebook(nb):
    """A copy of `nb` as the static slides show it: folded inputs removed, widgets as pictures."""
    from .build import site_widget_output

    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        if input_folded(cell):
            cell.metadata["transient"] = {"remove_source": True}
        for output in cell.get("outputs", []):
            site_widget_output(output)
        if cell.cell_type == "markdown":
            cell.source = local_links_to_site(cell.source)
    return nb


def local_links_to_site(text):
    """Links to notebooks go to their slides; other local files to their site pages."""

    def fix(match):
        target = match.group(2)
        if re.match(r"^[a-z]+:|^#", target):
            return match.group(0)
        path, _, anchor = target.partition("#")
        if re.fullmatch(r"\d\d_\w+\.ipynb", path):
            new = path[: -len(".ipynb")] + ".html"
        elif path.startswith("../images/"):
            new = path
        else:
            new = path + ".html" if not path.endswith(".md") else path[: -len(".md")] + ".html"
        return match.group(1) + new + (f"#{anchor}" if anchor else "") + match.group(3)

    return re.sub(r"(\]\(\s*<?)([^)\s>]+)(>?(?:\s+\"[^\"]*\")?\s*\))", fix, text)


def build_slides(site, notebooks=None):
    """Write the static slides of every notebook into `site`/slides/; returns the pages written.

    Uses the site's MathJax copy in `site`/mathjax/, made here when it is missing.
    """
    from .build import MATHJAX_CONFIG, MATHJAX_FONTS, copy_mathjax, course_notebooks

    site = Path(site)
    if not (site / "mathjax" / "MathJax.js").exists():
        copy_mathjax(site)
    if not (site / "images").exists():
        shutil.copytree(ROOT / "images", site / "images")
    copy_reveal(site)
    (site / "slides").mkdir(parents=True, exist_ok=True)
    export = exporter("../reveal.js")
    export.mathjax_url = f"../mathjax/MathJax.js?config={MATHJAX_CONFIG}"
    written = []
    for path in notebooks or course_notebooks():
        path = Path(path)
        nb = slides_notebook(nbformat.read(path, as_version=4))
        resources = {
            "metadata": {"name": path.stem, "path": str(path.parent)},
            "course_mathjax_fonts": MATHJAX_FONTS,
        }
        body, _ = export.from_notebook_node(nb, resources=resources)
        page = site / "slides" / (path.stem + ".html")
        page.write_text(body, encoding="utf-8")
        written.append(page)
    return written


# --- command line -------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m course_tools.slides",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", choices=["check", "outline", "draft", "build"])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if args.action == "build":
        pages = build_slides(args.out, paths)
        print(f"wrote {len(pages)} slide decks to {args.out / 'slides'}")
        return 0
    status = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if args.action == "check":
            found = problems(nb, path)
            for problem in found:
                print(f"{path.name}: {problem}")
            status |= bool(found)
        elif args.action == "outline":
            print(f"{path.name}\n{outline(nb)}")
        else:
            from .execute import write

            print(f"{path.name}: {draft(nb)} cells given a first guess")
            write(nb, path)
    return status


if __name__ == "__main__":
    sys.exit(main())
