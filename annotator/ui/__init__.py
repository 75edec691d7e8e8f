"""The window (PySide6). The only package besides annotator.app that imports Qt."""
