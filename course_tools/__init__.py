"""course_tools: the maintainers' and instructors' tooling, kept apart from
course_utils (the package learners read).

Nothing here is imported by a notebook. course.py runs these modules:

    contents   the table of contents: every notebook, in course order
    execute    re-runs notebooks and stores clean outputs   (course.py execute)
    figures    draws every picture in images/               (course.py figures)
    build      learner copies and the offline website       (course.py learner / site)
    pins       the pinned requirements files, for Python 3.10-3.13 (maintainers only)
"""
