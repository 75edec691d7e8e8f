"""Read our brat export with brat's own reader and verifier (issue 11: check against the real
consumer). Never run by the tests; needs a brat checkout (github nlplab/brat, server/src runs
under Python 3 with the two shims below).

    python scripts/check_brat.py BRAT_CHECKOUT EXPORT_FOLDER

prints what brat's ProjectConfiguration parsed from annotation.conf, then per document brat's
verify_annotation issues, its attributes (A lines), notes (# lines) and relations (R lines);
last, each A line's value checked against the Value: list brat parsed (its verifier checks only
which entity types take an attribute). Exits 1 if brat found anything.
"""

from __future__ import annotations

import builtins
import sys
import tempfile
from pathlib import Path


def main(brat: Path, folder: Path) -> int:
    shim = Path(tempfile.mkdtemp(prefix="brat-config-"))
    (shim / "config.py").write_text(  # brat's modules import its server config
        f"DEBUG = False\nDATA_DIR = {str(folder)!r}\nBASE_DIR = WORK_DIR = DATA_DIR\n")
    sys.path[:0] = [str(shim), str(brat / "server" / "src")]
    import annotation  # brat's
    import projectconfig
    from verify_annotations import verify_annotation

    def codecs_open(fn, mode="r", encoding=None, errors="strict"):  # Python 2's "rU" modes
        return builtins.open(fn, mode.replace("U", "").replace("b", ""), encoding=encoding,
                             errors=errors)

    annotation.codecs_open = codecs_open
    projectconfig.open_textfile = annotation.open_textfile
    conf = projectconfig.ProjectConfiguration(str(folder))
    print("entities", conf.get_entity_types())
    print("relations", conf.get_relation_types())
    print("attributes", conf.get_attribute_types())
    values = {n.storage_form(): n.arguments.get("Value", [])
              for n in conf.get_attribute_type_hierarchy()}
    found = undeclared = 0
    for ann_path in sorted(folder.glob("*.ann")):
        with annotation.TextAnnotations(str(ann_path.with_suffix("")), read_only=True) as ann:
            issues = [str(i) for i in verify_annotation(ann, conf)]
            found += len(issues)
            attrs = list(ann.get_attributes())
            print(ann_path.name, "issues:", issues)
            print("  attributes:", [(a.id, a.type, a.target, a.value) for a in attrs])
            print("  notes:", [(c.id, c.type, c.target, c.tail.strip())
                               for c in ann.get_oneline_comments()])
            print("  relations:", [(r.id, r.type, r.arg1, r.arg2) for r in ann.get_relations()])
            for a in attrs:
                allowed = values.get(a.type, [])
                if not (a.value is True and not allowed or a.value in allowed):
                    undeclared += 1
                    print("  value not in annotation.conf:", a.id, a.type, a.value, allowed)
    print(f"brat's verifier: {found} issue(s); A-line values not declared: {undeclared}")
    return 1 if found or undeclared else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()))
