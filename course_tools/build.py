"""Build the workshop hand-outs from the notebooks (for instructors).

    python -m course_tools.build learner     # learner copies, without solutions  -> learner_copies/
    python -m course_tools.build site        # the course as an offline website     -> site/
    python -m course_tools.build all         # both
    ... --out FOLDER                         # write elsewhere
    ... --force                              # rebuild even if the folder was changed since

Both are generated from the committed, executed notebooks in notebooks/, so
they never drift from the course. Each build leaves a record in its folder
(MANIFEST: every file it wrote, with its SHA-256). The next build replaces the
folder only if it is exactly as built: a learner's edited notebook or added
file makes it stop with a one-line message (use --force, or another --out).
A folder that this module did not build is never touched.

Learner copies (learner_copies/), a hand-out that is complete by itself
    README.md                its own: what the folder is, the two commands
                             (`python3 course.py setup` at home, `python3 course.py lab`
                             on the day), the contents, what to do if something fails
    course.py, requirements.txt, pyproject.toml, LICENSE
                             the set-up (the learner set only: no test tools)
    course_utils/            the package the notebooks import
    notebooks/NN_name.ipynb  every notebook with each `<details><summary>Solution`
                             block replaced by a short note, every cell tagged
                             `solution` left out (a run of them becomes one note), and
                             the outputs of the exercise cells (the learner's `...` cell
                             and its `checks.<name>(...)` cell) cleared. Every other
                             output (figures, printed results) is kept, so the copy
                             reads well before it is run.
    images/                  the pictures the notebooks show (`../images/x.png`)
    benchmarks/..., ...      any other file the notebooks link to
    An unsolved exercise answers "not done yet" and the notebook still runs
    top to bottom.

Site (site/)
    index.html               the contents page: every notebook, what it teaches, its time
    notebooks/NN_name.html   every notebook with its stored outputs, rendered by
                             nbconvert's HTMLExporter ("lab" template), with
                             previous / contents / next links at the top and bottom
    images/                  the pictures, at the same relative path as in the repository
    mathjax/                 the part of MathJax 2.7 that typesets the maths, copied from
                             the PyPI package jupyter-server-mathjax (MathJax is Apache-2.0;
                             its LICENSE file is copied too)
    README.html, ...         any other local file a page links to, rendered as a page
    slides/NN_name.html      every notebook as a slide deck, the same outputs, no kernel
                             (course_tools/slides.py: reveal.js 5.2.1 copied into reveal.js/
                             with its MIT licence; key S opens the speaker notes)
    Nothing is loaded from the internet: no CDN script, stylesheet, font or
    image. Links between notebooks point to the .html pages (anchors kept);
    a live widget, which only runs in a kernel, shows its stored picture with a
    one-line note under it. Open site/index.html in any browser, no server needed.
"""

import argparse
import hashlib
import html
import json
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat

from .contents import COURSE, total_minutes
from .execute import write

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
IMAGES = ROOT / "images"
LEARNER_DIR = ROOT / "learner_copies"
SITE_DIR = ROOT / "site"
# The record of a build, written into every folder this module builds: the files it wrote and
# their SHA-256. A folder without it is never deleted; a folder that differs from it is kept.
MANIFEST = ".course-build.json"


def course_notebooks():
    """The notebooks of the course that exist, in course order (NN_name.ipynb)."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def file_hashes(folder):
    """{relative path: SHA-256} of every file in `folder`, the build record left out."""
    hashes = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            hashes[path.relative_to(folder).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return hashes


def changes_since_build(folder):
    """What differs in `folder` from its build record, e.g. ['notebooks/02.ipynb changed'],
    or None when the folder has no build record."""
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    now = file_hashes(folder)
    changes = [
        f"{name} changed" for name in recorded if name in now and now[name] != recorded[name]
    ]
    changes += [f"{name} deleted" for name in recorded if name not in now]
    changes += [f"{name} added" for name in now if name not in recorded]
    return changes


def require_writable(folder):
    """Stop in one line if `folder` (or, while it does not exist, its nearest parent) is
    read-only."""
    existing = next(parent for parent in [folder, *folder.parents] if parent.exists())
    if not os.access(existing, os.W_OK):
        raise SystemExit(
            f"cannot write {folder}: {existing} is read-only. Write elsewhere with --out FOLDER."
        )


def fresh_folder(folder, force=False):
    """Empty `folder` and return it, if that loses nothing: it is absent, empty, or exactly as
    this module built it (force: also when changed since). Otherwise stop with a one-line
    message that says what changed and the way out."""
    folder = Path(folder)
    require_writable(folder)
    if folder.exists() and any(folder.iterdir()):
        changes = changes_since_build(folder)
        if changes is None:
            raise SystemExit(
                f"{folder} exists and was not made by course_tools.build (it has no {MANIFEST}); "
                "choose another --out folder or remove it yourself."
            )
        if changes and not force:
            shown = ", ".join(changes[:3]) + (
                f" and {len(changes) - 3} more" if changes[3:] else ""
            )
            raise SystemExit(
                f"{folder} was changed since it was built ({shown}); rebuilding would lose that. "
                "Keep it and write elsewhere with --out FOLDER, or replace it with --force."
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_manifest(folder):
    """Record what the build wrote (call it last): the next build can tell if anything changed."""
    record = {"built by": "python -m course_tools.build", "files": file_hashes(folder)}
    (folder / MANIFEST).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Learner copies
# ---------------------------------------------------------------------------------------------

# A solution: `<details><summary>Solution</summary> ... </details>` inside a markdown cell.
# Only that block goes; text after it in the same cell (often the next exercise) stays.
SOLUTION_BLOCK = re.compile(
    r"<details>\s*<summary>\s*Solution\b.*?</summary>.*?</details>", re.DOTALL | re.IGNORECASE
)
SOLUTION_NOTE = (
    "*Solution: ask your instructor, or read it in the full notebook after the workshop.*"
)
# A cell tagged `solution` gives a solution away (code with the solving settings, or a figure of
# the solved task): learner copies leave it out, and a run of such cells becomes one note.
SOLUTION_TAG = "solution"
SOLUTION_CELLS_NOTE = (
    "*Left out of this copy: cells that show the solutions. Ask your instructor, or read them "
    "in the full notebook after the workshop.*"
)
# The learner's part of an exercise: a line that is `...`, `name = ...` or `return ...`, maybe
# with a comment.
PLACEHOLDER = re.compile(r"^(?:[^#\n]*(?:=|\breturn)\s*|\s*)\.\.\.\s*(?:#.*)?$", re.MULTILINE)
CHECK_CALL = re.compile(r"\bchecks\.\w+\(")


def solution_blocks(text):
    """Every solution block in a markdown text, as a list of strings."""
    return SOLUTION_BLOCK.findall(text)


def remove_solutions(text):
    """`text` with every solution block replaced by SOLUTION_NOTE."""
    return SOLUTION_BLOCK.sub(SOLUTION_NOTE, text)


def is_exercise_cell(cell):
    """True for an exercise's code cells: the learner's cell (with a `...` placeholder) and its
    check cell."""
    return cell.cell_type == "code" and bool(
        PLACEHOLDER.search(cell.source) or CHECK_CALL.search(cell.source)
    )


def is_solution_cell(cell):
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def learner_notebook(nb):
    """A copy of the notebook `nb` for learners: no solutions, exercise outputs cleared."""
    nb = nbformat.from_dict(nb)  # a deep copy: the original stays untouched
    cells = []
    for cell in nb.cells:
        if is_solution_cell(cell):
            if not (cells and cells[-1].source == SOLUTION_CELLS_NOTE):
                note = nbformat.v4.new_markdown_cell(SOLUTION_CELLS_NOTE)
                note.pop("id", None)  # the notebooks are nbformat 4.4, without cell ids
                cells.append(note)
            continue
        if cell.cell_type == "markdown":
            cell.source = remove_solutions(cell.source)
        elif is_exercise_cell(cell):
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    nb.cells = cells
    return nb


def local_links(text):
    """Relative link targets in markdown/HTML text (no scheme, no pure #anchor), anchors removed."""
    targets = re.findall(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", text)
    targets += re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", text)
    result = []
    for target in targets:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        result.append(unquote(parts.path))
    return result


def linked_files(notebook_paths):
    """Files outside notebooks/ and images/ that the notebooks link to (README.md, a module)."""
    files = set()
    for path in notebook_paths:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            for target in local_links(cell.source):
                file = (path.parent / target).resolve()
                if (
                    file.is_file()
                    and file.is_relative_to(ROOT)
                    and file.parent not in (NOTEBOOKS, IMAGES)
                ):
                    files.add(file)
    return sorted(files)


# What a learner copy needs besides the notebooks and images to set up and run by itself.
HANDOUT_FILES = ["course.py", "requirements.txt", "pyproject.toml", "LICENSE"]
HANDOUT_PACKAGE = "course_utils"


def build_learner(out=LEARNER_DIR, notebooks=None, force=False):
    """Write the learner copies into `out` (default learner_copies/); returns the notebook paths
    written."""
    out = fresh_folder(out, force)
    paths = [Path(p) for p in notebooks] if notebooks else course_notebooks()
    (out / "notebooks").mkdir()
    written = []
    for path in paths:
        nb = learner_notebook(nbformat.read(path, as_version=4))
        target = out / "notebooks" / path.name
        write(nb, target)
        written.append(target)
    shutil.copytree(IMAGES, out / "images")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / HANDOUT_PACKAGE, out / HANDOUT_PACKAGE, ignore=ignore)
    for name in HANDOUT_FILES:
        shutil.copy2(ROOT / name, out / name)
    for file in linked_files(paths):
        target = out / file.relative_to(ROOT)
        if not target.exists():  # README.md is the hand-out's own, written below
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target)
    (out / "README.md").write_text(handout_readme(), encoding="utf-8")
    write_manifest(out)
    print(
        f"wrote {len(written)} learner notebooks to {out}/notebooks "
        f"(solutions removed, exercise outputs cleared), with README.md, course.py and "
        f"requirements.txt: hand out the whole folder"
    )
    return written


HANDOUT_README = """# Intro to deep learning: your copy of the notebooks

Hands-on notebooks that build a neural network from scratch in numpy: the neuron, the forward
pass, backpropagation, training, overfitting and regularization, up to a local Neural Network
Playground. Every exercise checks your answer and tells you what to fix. The solutions are not
in this copy: ask your instructor when you are stuck.

## Two commands

You need Python 3.10, 3.11, 3.12 or 3.13. In a terminal, in this folder:

```bash
python3 course.py setup   # once, before the workshop, with internet
python3 course.py lab     # every time: opens the course in JupyterLab, no internet needed
```

On Windows, type `py` instead of `python3`.

- `setup` installs the exact versions listed in [requirements.txt](requirements.txt) into the
  folder `.venv/` inside this folder (a few hundred MB, a few minutes); nothing else on your
  computer changes. Do it at home, where the internet is good.
- `lab` opens JupyterLab at [notebook 00](notebooks/00_start_here.ipynb). Run all its cells:
  the environment check should say *all checks passed*. Stop JupyterLab with
  <kbd>Ctrl</kbd>+<kbd>C</kbd> in the terminal (or close the terminal).

Your work is saved in the notebooks of this folder. To start a notebook afresh, ask your
instructor for a new copy.

## Contents

About {hours} h {minutes} min in all; take the notebooks in order.

| # | notebook | what you learn and build | time |
|---|---|---|---|
{rows}

## What is in this folder

- [`notebooks/`](notebooks): the course, one notebook per block of the lecture.
- [`course_utils/`](course_utils): the small package the notebooks use, written to be read:
  when a notebook calls `course_utils.something`, open the file and look.
- [`images/`](images): the pictures the notebooks show.
- [`course.py`](course.py): the two commands above (`python3 course.py help`).
- [`requirements.txt`](requirements.txt): every package and its exact version.
- [`LICENSE`](LICENSE): code under the MIT License, text and pictures under CC BY 4.0.

## If something goes wrong

`course.py` says in one line what went wrong and what to do. The usual ones:

- *needs the internet*: the first set-up downloads the packages. Connect and run it again.
- *read-only*: copy this folder to your home folder and run the command there.
- *the environment in .venv/ is broken*: it is rebuilt by itself (with internet).
- Anything else: show your instructor the last lines in the terminal.
"""


def handout_readme():
    """The README of a learner copy: what it is, its two commands, the contents, what to do."""
    rows = [
        f"| {entry.number:02d} | [{entry.title}](notebooks/{entry.file}) | {entry.teaches} "
        f"| {entry.minutes} min |"
        for entry in COURSE
        if (NOTEBOOKS / entry.file).exists()
    ]
    hours, minutes = divmod(total_minutes(), 60)
    return HANDOUT_README.format(hours=hours, minutes=minutes, rows="\n".join(rows))


# ---------------------------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------------------------

# The MathJax 2.7 copy that Jupyter ships on PyPI (jupyter-server-mathjax, requirements-test.txt).
try:
    import jupyter_server_mathjax

    MATHJAX_SOURCE = Path(jupyter_server_mathjax.__file__).parent / "static"
except ImportError:  # pragma: no cover - only without the pinned environment
    MATHJAX_SOURCE = None

# The part of MathJax the pages use: TeX input, HTML-CSS output with the STIX web fonts, the
# standard extensions. Left out (about 10 of its 12 MB): translations, SVG output, the
# accessibility explorer's speech rules.
MATHJAX_FILES = [
    "LICENSE",
    "MathJax.js",
    "config/TeX-AMS-MML_HTMLorMML-full.js",
    "config/Safe.js",
    "extensions/*.js",
    "extensions/TeX",
    "extensions/HTML-CSS",
    "extensions/MathML",
    "extensions/a11y/accessibility-menu.js",
    "jax/input",
    "jax/element",
    "jax/output/HTML-CSS",
    "fonts/HTML-CSS/STIX-Web/woff",
]
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"
# Jupyter's MathJax copy has only the STIX web fonts (MathJax's default is its own TeX fonts).
MATHJAX_FONTS = (
    'MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], preferredFont: null, '
    'webFont: "STIX-Web", imageFont: null}});'
)

# The page template: nbconvert's "lab" template, without the parts that load scripts from the
# internet (require.js, the widget manager, mermaid), with the local MathJax and a navigation bar.
PAGE_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_js_mathjax -%}
<script type="text/x-mathjax-config">{{ resources.course_mathjax_fonts }}</script>
{{ super() }}
{%- endblock html_head_js_mathjax -%}
{% block extra_css %}
<style type="text/css">
nav.course-nav { display: flex; justify-content: space-between; gap: 1em; max-width: 1100px;
  margin: 0.5em auto; padding: 0.6em 1em; font: 16px/1.4 var(--jp-ui-font-family, sans-serif);
  border: 1px solid #ccc; border-radius: 6px; background: #f7f7f7; }
nav.course-nav a { text-decoration: none; color: #1a5fb4; }
nav.course-nav a:hover { text-decoration: underline; }
nav.course-nav .nav-next { text-align: right; }
nav.course-nav span { flex: 1; }
nav.course-nav .nav-contents { text-align: center; }
.course-widget-note { font-style: italic; color: #555; }
</style>
{% endblock extra_css %}
{%- block body_header -%}
{{ super() }}
{{ resources.course_nav }}
{%- endblock body_header -%}
{% block body_footer %}
{{ resources.course_nav }}
{{ super() }}
{% endblock body_footer %}
"""

# What a live widget's stored output says (e.g. "HBox(children=(IntSlider(...") and what
# the site shows instead.
WIDGET_REPR = re.compile(
    r"^\s*(?:HBox|VBox|Box|GridBox|interactive|Tab|Accordion|\w+Slider|Output|Play)\("
)
WIDGET_NOTE = (
    '<p class="course-widget-note">An interactive widget appears here when you run '
    "the notebook in JupyterLab.</p>"
)
# A course widget's output also carries a picture of its state (course_utils/widgets/picture.py),
# and its text ends "(interactive widget: run the notebook in JupyterLab to use it)".
WIDGET_PICTURE = "(interactive widget: "


def site_widget_output(output):
    """Change one stored output, in place, for the site: a widget's picture gets the note under
    it; a bare widget repr (no picture) becomes the note; any other output stays as it is."""
    data = output.get("data", {})
    text = data.get("text/plain", "")
    text = "".join(text) if isinstance(text, list) else text
    if WIDGET_PICTURE in text and "image/png" in data:
        png = "".join(data["image/png"]).replace("\n", "")
        picture = f'<img src="data:image/png;base64,{png}" alt="{html.escape(text)}">'
        output["data"] = {"text/html": picture + WIDGET_NOTE}
    elif output.get("output_type") == "execute_result" and WIDGET_REPR.match(text):
        output["data"] = {"text/html": WIDGET_NOTE}


def mathjax_paths():
    """Every file of MATHJAX_FILES, relative to the MathJax folder of jupyter-server-mathjax."""
    if MATHJAX_SOURCE is None or not (MATHJAX_SOURCE / "MathJax.js").exists():
        raise SystemExit(
            "MathJax not found: install the pinned requirements (jupyter-server-mathjax)."
        )
    files = []
    for pattern in MATHJAX_FILES:
        for match in sorted(MATHJAX_SOURCE.glob(pattern)):
            if match.is_dir():
                files += sorted(p for p in match.rglob("*") if p.is_file())
            else:
                files.append(match)
    return [file.relative_to(MATHJAX_SOURCE) for file in files]


def copy_mathjax(site):
    for relative in mathjax_paths():
        target = site / "mathjax" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(MATHJAX_SOURCE / relative, target)


def make_exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        template_file="course_page.html.j2",
        extra_loaders=[DictLoader({"course_page.html.j2": PAGE_TEMPLATE})],
    )


def site_path(source):
    """Where the page for the repository file `source` (relative to the root) goes inside the site.

    notebooks/NN_name.ipynb -> notebooks/NN_name.html; README.md -> README.html;
    course_utils/model.py -> course_utils/model.py.html. The folders mirror the repository's,
    so relative links and ../images/ paths keep working.
    """
    source = Path(source)
    if source.suffix in {".ipynb", ".md"}:
        return source.with_suffix(".html")
    return source.with_name(source.name + ".html")


def github_slug(text):
    """The anchor GitHub gives a heading (README links use these): lower case, spaces to -."""
    text = re.sub(r"<[^>]+>", "", html.unescape(text)).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


class SiteBuilder:
    """Renders pages into the site folder, following local links to the files they point to."""

    def __init__(self, site, notebooks):
        self.site = site
        self.notebooks = list(notebooks)
        self.exporter = make_exporter()
        self.pending = []  # repository files linked from a page, to be rendered as pages too
        self.done = set()

    # -- navigation -------------------------------------------------------------------------
    def nav(self, page, source):
        """The previous / contents / next bar for the page of `source`, as HTML."""

        def link(target, text, css):
            href = os.path.relpath(self.site / target, (self.site / page).parent).replace(
                os.sep, "/"
            )
            return (
                f'<span class="{css}"><a href="{html.escape(href)}">{html.escape(text)}</a></span>'
            )

        contents = link("index.html", "Contents", "nav-contents")
        if page == Path("index.html"):  # the contents page itself: where to start
            first = (
                link(
                    site_path(self.notebooks[0].relative_to(ROOT)),
                    self.title(self.notebooks[0]) + " →",
                    "nav-next",
                )
                if self.notebooks
                else '<span class="nav-next"></span>'
            )
            about = (
                link("README.html", "About this course", "nav-contents")
                if (ROOT / "README.md").exists()
                else "<span></span>"
            )
            return f'<nav class="course-nav"><span class="nav-previous"></span>{about}{first}</nav>'
        if source not in self.notebooks:
            return f'<nav class="course-nav"><span></span>{contents}<span></span></nav>'
        # the notebook's slides (course_tools/slides.py) beside the contents link
        deck = os.path.relpath(
            self.site / "slides" / f"{source.stem}.html", (self.site / page).parent
        ).replace(os.sep, "/")
        contents = contents.replace(
            "</a></span>", f'</a> · <a href="{html.escape(deck)}">Slides</a></span>', 1
        )
        index = self.notebooks.index(source)
        previous = (
            link(
                site_path(self.notebooks[index - 1].relative_to(ROOT)),
                "← " + self.title(self.notebooks[index - 1]),
                "nav-previous",
            )
            if index > 0
            else '<span class="nav-previous"></span>'
        )
        following = (
            link(
                site_path(self.notebooks[index + 1].relative_to(ROOT)),
                self.title(self.notebooks[index + 1]) + " →",
                "nav-next",
            )
            if index + 1 < len(self.notebooks)
            else '<span class="nav-next"></span>'
        )
        return f'<nav class="course-nav">{previous}{contents}{following}</nav>'

    @staticmethod
    def title(path):
        for entry in COURSE:
            if entry.file == path.name:
                return f"{entry.number:02d} {entry.title}"
        return path.stem.replace("_", " ")

    # -- rendering ----------------------------------------------------------------------------
    def render(self, nb, page, source, title):
        """Render `nb` to the site page `page` (a path relative to the site); `source` is the
        repository file."""
        mathjax = os.path.relpath(self.site / "mathjax" / "MathJax.js", (self.site / page).parent)
        self.exporter.mathjax_url = mathjax.replace(os.sep, "/") + "?config=" + MATHJAX_CONFIG
        resources = {
            "metadata": {"name": title, "path": str(source.parent)},
            "course_nav": self.nav(page, source),
            "course_mathjax_fonts": MATHJAX_FONTS,
        }
        body, _ = self.exporter.from_notebook_node(nb, resources=resources)
        body = self.fix_links(body, source.relative_to(ROOT) if source.is_absolute() else source)
        target = self.site / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
        self.done.add(page)

    def fix_links(self, body, source):
        """Point local links at site pages, add GitHub-style heading anchors to markdown files,
        drop external images."""

        def href(match):
            attribute, quote, value = match.group(1), match.group(2), match.group(3)
            parts = urlsplit(html.unescape(value))
            if parts.scheme or parts.netloc or not parts.path:
                return match.group(0)
            target = (ROOT / source.parent / unquote(parts.path)).resolve()
            if target.suffix == ".ipynb" and target.parent == NOTEBOOKS:  # a notebook: its page
                new = os.path.relpath(
                    self.site / site_path(target.relative_to(ROOT)),
                    (self.site / site_path(source)).parent,
                ).replace(os.sep, "/")
                new += f"#{parts.fragment}" if parts.fragment else ""
                return f"{attribute}={quote}{html.escape(new)}{quote}"
            if not target.is_relative_to(ROOT) or not target.is_file() or target.parent == IMAGES:
                return match.group(
                    0
                )  # images are copied as they are; the site test reports anything else
            relative = target.relative_to(ROOT)
            if relative not in self.done and relative not in self.pending:
                self.pending.append(relative)
            new = os.path.relpath(
                self.site / site_path(relative), (self.site / site_path(source)).parent
            )
            new = new.replace(os.sep, "/") + (f"#{parts.fragment}" if parts.fragment else "")
            return f"{attribute}={quote}{html.escape(new)}{quote}"

        body = re.sub(r"""\b(href)=(["'])([^"']*)\2""", href, body)

        def heading(match):
            slug = github_slug(match.group(3))
            if slug and slug != match.group(2):
                return f'{match.group(1)}<span id="{html.escape(slug)}"></span>{match.group(3)}'
            return match.group(0)

        if source.suffix == ".md":  # written for GitHub, so its links use GitHub's heading anchors
            body = re.sub(
                r'(<h[1-6] id="([^"]*)">)(.*?)(?=<a class="anchor-link"|</h[1-6]>)', heading, body
            )

        def external_image(match):
            alt = re.search(r'alt="([^"]*)"', match.group(0))
            return html.escape(html.unescape(alt.group(1))) if alt else ""

        return re.sub(r"""<img\b[^>]*\bsrc=["']https?://[^>]*>""", external_image, body)

    def notebook_page(self, path):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                site_widget_output(output)
        self.render(nb, site_path(path.relative_to(ROOT)), path, self.title(path))

    def file_page(self, relative):
        """A linked repository file as a page: markdown rendered, anything else as a code block."""
        text = (ROOT / relative).read_text(encoding="utf-8")
        if relative.suffix == ".md":
            markdown = text
        else:
            fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", text)), default=0))
            language = {".py": "python", ".yml": "yaml", ".toml": "toml"}.get(
                relative.suffix, "text"
            )
            markdown = f"# `{relative.as_posix()}`\n\n{fence}{language}\n{text}\n{fence}\n"
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown)])
        self.render(nb, site_path(relative), relative, relative.as_posix())

    def contents_page(self):
        by_file = {entry.file: entry for entry in COURSE}
        rows = []
        for path in self.notebooks:
            entry = by_file.get(path.name)
            number, title, teaches, minutes = (
                (f"{entry.number:02d}", entry.title, entry.teaches, f"{entry.minutes} min")
                if entry
                else (path.name[:2], self.title(path), "", "")
            )
            link = site_path(path.relative_to(ROOT)).as_posix()
            rows.append(f"| {number} | [{title}]({link}) | {teaches} | {minutes} |")
        hours, minutes = divmod(total_minutes(), 60)
        markdown = "\n".join(
            [
                "# Intro to deep learning",
                "",
                "A hands-on introduction to neural networks in Jupyter notebooks. This is the "
                "**read-only version**: every notebook with the outputs it produced, readable in "
                "any browser without Python or an internet connection. To run the code and do the "
                "exercises, open the notebooks in JupyterLab "
                "(see [About this course](README.html)).",
                "",
                "## Contents",
                "",
                f"About {hours} h {minutes} min in all; one notebook is one block of the lecture.",
                "",
                "| # | notebook | what you learn and build | time |",
                "|---|---|---|---|",
                *rows,
                "",
                *(
                    [
                        "**Teaching with this course?** Read the "
                        "[instructor guide](INSTRUCTORS.html): schedules, "
                        "key messages, exercises and a checklist for the day before.",
                        "",
                    ]
                    if (ROOT / "INSTRUCTORS.md").exists()
                    else []
                ),
                "**Presenting?** Every notebook is also a slide deck, on the *Slides* link at "
                "the top of its page (`slides/NN_name.html`; the instructor guide's *Presenting* "
                "says how to show them live).",
                "",
                "Maths is typeset by a local copy of [MathJax](mathjax/LICENSE) "
                "(Apache License 2.0), "
                "from the PyPI package jupyter-server-mathjax. The slides run on a local copy of "
                "[reveal.js](reveal.js/LICENSE) 5.2.1 (MIT licence).",
            ]
        )
        for extra in [Path("README.md"), Path("INSTRUCTORS.md")]:
            if (ROOT / extra).exists() and extra not in self.pending:
                self.pending.append(extra)
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown)])
        self.render(nb, Path("index.html"), Path("index.md"), "Intro to deep learning: contents")

    def build(self):
        for path in self.notebooks:
            self.notebook_page(path)
        self.contents_page()
        while self.pending:
            relative = self.pending.pop(0)
            if site_path(relative) not in self.done:
                self.file_page(relative)
        shutil.copytree(IMAGES, self.site / "images")
        copy_mathjax(self.site)
        from .slides import build_slides

        decks = build_slides(self.site, self.notebooks)
        return sorted(self.done) + [deck.relative_to(self.site) for deck in decks]


def build_site(out=SITE_DIR, notebooks=None, force=False):
    """Render the site into `out` (default site/); returns the pages written, relative to `out`."""
    site = fresh_folder(out, force)
    paths = [Path(p).resolve() for p in notebooks] if notebooks else course_notebooks()
    pages = SiteBuilder(site, paths).build()
    write_manifest(site)
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    print(
        f"wrote {len(pages)} pages to {site} ({size / 1e6:.1f} MB with images and MathJax); "
        f"open {site / 'index.html'}"
    )
    return pages


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m course_tools.build",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("what", choices=["learner", "site", "all"], help="what to build")
    parser.add_argument(
        "--out", type=Path, help="output folder (default: learner_copies/ or site/)"
    )
    parser.add_argument(
        "--force", action="store_true", help="rebuild even if the folder was changed since"
    )
    args = parser.parse_args(argv)
    if args.what == "all" and args.out:
        parser.error("--out needs a single target (learner or site)")
    try:
        if args.what in {"learner", "all"}:
            build_learner(args.out or LEARNER_DIR, force=args.force)
        if args.what in {"site", "all"}:
            build_site(args.out or SITE_DIR, force=args.force)
    except OSError as error:  # a disk that is full or read-only, a file another program holds
        raise SystemExit(f"could not write {error.filename}: {error.strerror}.") from None
    return 0


if __name__ == "__main__":
    sys.exit(main())
