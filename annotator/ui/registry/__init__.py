"""Issue 12's company registry in the window: the Registry dock (``dock.py``), its entry
dialogs (``dialogs.py``) and its undoable edits (``commands.py``)."""
