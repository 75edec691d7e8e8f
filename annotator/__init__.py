"""annotator: a desktop workbench for hand-annotating news articles."""

__version__ = "0.1.0"  # the one place the version is written (pyproject reads it)
