"""`make run` / `annotator gui` without a display: one clear line, not Qt's xcb-cursor0 hint."""

from __future__ import annotations

import pytest

from annotator import cli
from annotator.display import no_display_reason


def test_no_display_and_no_platform_names_the_missing_variables_and_xvfb_run():
    reason = no_display_reason({"DISPLAY": "", "WAYLAND_DISPLAY": ""}, "linux")
    assert reason is not None
    assert "no display" in reason and "DISPLAY" in reason and "xvfb-run" in reason
    assert "xcb-cursor" not in reason and "\n" not in reason


def test_platform_xcb_without_display_is_refused_even_with_wayland_set():
    reason = no_display_reason({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"},
                               "linux")
    assert reason is not None and "DISPLAY is not set" in reason


def test_platform_wayland_without_wayland_display_is_refused():
    reason = no_display_reason({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux")
    assert reason is not None and "WAYLAND_DISPLAY" in reason


def test_a_stale_local_display_without_its_x_socket_is_named():
    reason = no_display_reason({"DISPLAY": ":0"}, "linux", exists=lambda _p: False)
    assert reason is not None and "no X server at DISPLAY=:0" in reason
    assert "/tmp/.X11-unix/X0" in reason and "xvfb-run" in reason


def test_a_remote_display_is_left_to_qt():
    assert no_display_reason({"DISPLAY": "localhost:10.0"}, "linux",
                             exists=lambda _p: False) is None


@pytest.mark.parametrize("env", [
    {"DISPLAY": ":0"},
    {"WAYLAND_DISPLAY": "wayland-0"},
    {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99"},
    {"QT_QPA_PLATFORM": "offscreen"},
    {"QT_QPA_PLATFORM": "vnc:size=800x600"},
])
def test_a_usable_display_or_headless_platform_passes(env):
    assert no_display_reason(env, "linux", exists=lambda _p: True) is None


def test_macos_and_windows_never_need_a_display_variable():
    assert no_display_reason({}, "darwin") is None
    assert no_display_reason({}, "win32") is None


def test_gui_command_prints_the_one_line_and_fails_before_qt(monkeypatch, capsys):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr("sys.platform", "linux")
    assert cli.main(["gui"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no display" in err[0] and "xvfb-run" in err[0]
