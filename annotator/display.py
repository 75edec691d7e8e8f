"""Is there a screen for the window? Decided before Qt is imported (no Qt here).

Without a display Qt's xcb plugin ends in "xcb-cursor0 or libxcb-cursor0 is needed" even when
that library is installed; :func:`no_display_reason` lets the GUI entry points print one line
that says what is really missing instead.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

#: Platforms that need no screen at all (tests, screenshots, remote viewers).
HEADLESS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb",
                      "vkkhrdisplay"})


def _local_x_socket(display: str) -> Path | None:
    """The socket of a local X display (":0", ":1.0", "unix:0"), None for a remote one
    ("localhost:10.0" over ssh, "host:0"): only a local one can be checked."""
    match = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    return Path(f"/tmp/.X11-unix/X{match.group(1)}") if match else None


def no_display_reason(environ: Mapping[str, str] | None = None,
                      platform: str | None = None,
                      exists: Callable[[Path], bool] = Path.exists) -> str | None:
    """One line saying why the window cannot be shown, or None when it can (as far as the
    environment tells). Only X11/Wayland systems need a display variable: macOS and Windows
    always have their own screen. A local X display whose socket is missing (a stale
    ``DISPLAY=:0`` with no X server) is named too."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if not system.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip().lower()
    x11, wayland = env.get("DISPLAY", "").strip(), env.get("WAYLAND_DISPLAY", "").strip()
    if qpa in HEADLESS:
        return None
    if qpa in ("", "xcb") and x11 and not (qpa == "" and wayland):
        socket = _local_x_socket(x11)
        if socket is not None and not exists(socket):
            return (f"annotator: no X server at DISPLAY={x11} ({socket} is missing): run the "
                    "window in a desktop session, or under xvfb-run (xvfb-run -a annotator)")
        return None
    if qpa.startswith("wayland") and wayland or not qpa and wayland:
        return None
    if qpa == "xcb":
        missing = "DISPLAY is not set"
    elif qpa.startswith("wayland"):
        missing = "WAYLAND_DISPLAY is not set"
    elif not qpa:
        missing = "neither DISPLAY nor WAYLAND_DISPLAY is set"
    else:
        return None  # a platform we do not know: let Qt decide
    return (f"annotator: no display ({missing}): run the window in a desktop session, "
            "or under xvfb-run (xvfb-run -a annotator)")
