"""The Chinese interface's cost at start-up: installing our and Qt's translators before the
window is built. Floor, in the same run: reading the two .qm files' bytes from disk."""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import Row, timed


def run(quick: bool) -> list[Row]:
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QApplication

    from annotator.ui import i18n

    app = QApplication.instance() or QApplication([])
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    files = [i18n.qm_file(i18n.CHINESE), qt_dir / f"qtbase_{i18n.CHINESE}.qm"]
    rounds = 5 if quick else 20

    def install_once() -> float:
        translators: list = []
        took = timed(lambda: translators.extend(i18n.install(app, i18n.CHINESE)))
        i18n.uninstall(app, translators)
        return took

    install = min(install_once() for _ in range(rounds))
    floor = min(timed(lambda: [f.read_bytes() for f in files if f.exists()])
                for _ in range(rounds))
    sources = ["&File", "&Edit", "Import &Teammate's Work…", "Annotator: {name}"] * 250
    translators = i18n.install(app, i18n.CHINESE)
    try:
        lookups = min(timed(lambda: [app.translate("Actions", s) for s in sources])
                      for _ in range(rounds))
    finally:
        i18n.uninstall(app, translators)
    return [
        Row("i18n: install zh_CN translators (ours + qtbase)", install * 1e3, "ms",
            floor=floor * 1e3, floor_name="read both .qm files", goal="<= 5 ms",
            ok=install <= 0.005),
        Row("i18n: 1000 translate() lookups in Chinese", lookups * 1e3, "ms",
            goal="<= 5 ms", ok=lookups <= 0.005),
    ]
