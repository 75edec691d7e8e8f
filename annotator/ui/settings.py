"""Every user setting, declared once with its type and default, over one QSettings accessor.

Settings live in an INI file: ``$ANNOTATOR_SETTINGS_DIR/annotator.ini`` when that variable is set
(tests point it at a temporary folder), else Qt's per-user location for the organization and
application names that :mod:`annotator.app` sets. Values are converted on read, so a hand-edited
or stale file yields the default instead of a crash.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "annotator"
APPLICATION = "annotator"
MAX_RECENT = 10


class Setting(NamedTuple, Generic[T]):
    """One setting: its key in the file, type and default. A NamedTuple, not a frozen
    dataclass, which compiles six methods when the window starts (~2 ms, issue 14)."""

    key: str
    kind: Any  # bool, int, float, str, list or QByteArray
    default: T
    doc: str = ""
    item: type = str  # element type of a list setting


GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray, QByteArray(),
                                        "main window geometry (saveGeometry)")
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray, QByteArray(),
                                            "docks and toolbars (saveState)")
SPLITTER_SIZES: Setting[list] = Setting("window/splitter", list, [],
                                        "widths of the left and right panes", item=int)
FONT_SIZE: Setting[float] = Setting("view/font_size", float, 13.0, "article text point size")
SNAPPING: Setting[bool] = Setting("view/snapping", bool, True,
                                  "selections snap to whole words")
SYNC_SCROLL: Setting[bool] = Setting("view/sync_scroll", bool, False,
                                     "the two panes scroll together")
SHOW_RELATIONS: Setting[bool] = Setting("view/show_relations", bool, True,
                                        "relations drawn as arcs over the article")
#: ``DOCKS_SHOWN``'s value before any close recorded it: every dock on demand is made at start.
EVERY_DOCK = "*"
#: (A string, "search concordance": QSettings writes an empty list as an invalid value.)
DOCKS_SHOWN: Setting[str] = Setting("window/docks_shown", str, EVERY_DOCK,
                                    "the docks made on demand that were shown at the last "
                                    "close, space-separated (made at start only then)")
INSPECTOR: Setting[bool] = Setting("view/inspector", bool, True,
                                   "the inspector dock is shown (built at start only then)")
SUGGEST_ON_OPEN: Setting[bool] = Setting("suggest/on_open", bool, False,
                                       "suggest all kinds once when an article opens")
LAST_PROJECT: Setting[str] = Setting("project/last", str, "", "project opened last")
RECENT_PROJECTS: Setting[list] = Setting("project/recent", list, [],
                                         "recently opened projects, newest first")
ANNOTATOR: Setting[str] = Setting("user/annotator", str, "",
                                  "the name recorded on every span")
LANGUAGE: Setting[str] = Setting("view/language", str, "",
                                 "interface language (en, zh_CN); empty: the system locale")

# per project file (``Settings.get_for`` / ``set_for``): under ``projects/<hash of its path>/``
PROJECT_ANNOTATOR: Setting[str] = Setting("annotator", str, "",
                                          "the name recorded on spans in this project file")
EXPORT_FORMAT: Setting[str] = Setting("export/format", str, "",
                                      "the format this project was last exported to")
EXPORT_FOLDER: Setting[str] = Setting("export/folder", str, "",
                                      "the folder this project was last exported to")
#: "ID SCROLL": the article the left pane showed last and its scroll position (see
#: ``last_article``).
LAST_ARTICLE: Setting[str] = Setting("article", str, "",
                                     "the article open last in this project file, and where")

ALL: tuple[Setting[Any], ...] = (GEOMETRY, WINDOW_STATE, SPLITTER_SIZES, FONT_SIZE, SNAPPING,
                                  SYNC_SCROLL, LAST_PROJECT, RECENT_PROJECTS, ANNOTATOR, LANGUAGE,
                                  SHOW_RELATIONS, SUGGEST_ON_OPEN, DOCKS_SHOWN)
PER_PROJECT: tuple[Setting[Any], ...] = (PROJECT_ANNOTATOR, EXPORT_FORMAT, EXPORT_FOLDER,
                                         LAST_ARTICLE)


def settings_file() -> Path | None:
    """The INI file when $ANNOTATOR_SETTINGS_DIR is set, else None (Qt's default place)."""
    folder = os.environ.get("ANNOTATOR_SETTINGS_DIR")
    return Path(folder) / "annotator.ini" if folder else None


class Settings:
    """Typed access to the settings file; one instance per application context."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            path = settings_file()
            if path is not None:
                qsettings = QSettings(str(path), QSettings.Format.IniFormat)
            else:
                qsettings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                      ORGANIZATION, APPLICATION)
        self._q = qsettings

    def get(self, setting: Setting[T]) -> T:
        raw = self._q.value(setting.key)
        if raw is None:
            return _copy(setting.default)
        try:
            return _convert(raw, setting)
        except (TypeError, ValueError):
            return _copy(setting.default)

    def set(self, setting: Setting[T], value: T) -> None:
        self._q.setValue(setting.key, value)

    def reset(self, setting: Setting[Any]) -> None:
        self._q.remove(setting.key)

    def sync(self) -> None:
        self._q.sync()

    # -------------------------------------------------------------- per project file
    @staticmethod
    def _for(path: str | os.PathLike[str], setting: Setting[T]) -> Setting[T]:
        text = str(Path(path).resolve())
        group = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]
        return setting._replace(key=f"projects/{group}/{setting.key}")

    def get_for(self, path: str | os.PathLike[str], setting: Setting[T]) -> T:
        """``setting`` (one of ``PER_PROJECT``) as remembered for the project file ``path``."""
        return self.get(self._for(path, setting))

    def set_for(self, path: str | os.PathLike[str], setting: Setting[T], value: T) -> None:
        """Remember ``setting`` for the project file ``path`` (its path is kept beside it, so
        the settings file says which file each group is about)."""
        self.set(self._for(path, setting), value)
        self._q.setValue(self._for(path, Setting("path", str, "")).key,
                         str(Path(path).resolve()))

    # -------------------------------------------------------------- recent projects
    def remember_project(self, path: str | os.PathLike[str]) -> None:
        text = str(Path(path).resolve())
        recent = [p for p in self.get(RECENT_PROJECTS) if p != text]
        self.set(RECENT_PROJECTS, [text, *recent][:MAX_RECENT])
        self.set(LAST_PROJECT, text)

    def forget_project(self, path: str | os.PathLike[str]) -> None:
        text = str(Path(path).resolve())
        self.set(RECENT_PROJECTS, [p for p in self.get(RECENT_PROJECTS) if p != text])
        if self.get(LAST_PROJECT) == text:
            self.reset(LAST_PROJECT)


    # -------------------------------------------------------------- last article per project
    def remember_article(self, project: str | os.PathLike[str], article_id: int,
                         scroll: int) -> None:
        self.set_for(project, LAST_ARTICLE, f"{int(article_id)} {max(0, int(scroll))}")

    def last_article(self, project: str | os.PathLike[str]) -> tuple[int, int] | None:
        """(article id, scroll position) the project showed last, or None (never, or a
        hand-edited value that does not parse)."""
        raw = self.get_for(project, LAST_ARTICLE)
        try:
            article_id, scroll = (int(x) for x in str(raw or "").split())
        except ValueError:
            return None
        return (article_id, scroll) if article_id > 0 and scroll >= 0 else None


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _convert(raw: Any, setting: Setting[Any]) -> Any:
    kind: Any = setting.kind
    if kind is bool:
        if isinstance(raw, str):
            return raw.strip().lower() in ("true", "1", "yes", "on")
        return bool(raw)
    if kind is list:
        if isinstance(raw, str):  # INI files store a one-element list as a plain string
            return [raw] if raw else []
        return [setting.item(x) for x in raw]
    if kind is QByteArray:
        if isinstance(raw, QByteArray):
            return raw
        raise TypeError(f"{setting.key}: expected bytes")
    return kind(raw)
