"""Send our Label Studio export to a running Label Studio and fetch its own export back (issue 11:
check against the real consumer). Never run by the tests; stdlib only.

    python scripts/check_label_studio.py --url http://127.0.0.1:8089 --token TOKEN \\
        --tasks claims.json --out label-studio-export.json

creates a project with the labeling config written beside ``--tasks``
(``STEM.label_config.xml``), checks every annotation and prediction against that config with
Label Studio's own validator when its SDK is importable (run it with Label Studio's Python),
imports the tasks, prints what the server counted, and writes two of Label Studio's JSON
exports: ``--out`` a snapshot with the predictions' results included, ``OUT-STEM.quick.json``
the plain JSON export (what the web page's Export gives: predictions by id only); ``--min``
also ``OUT-STEM.min.json`` (JSON_MIN). Import ``--out`` back with ``annotator import -f
label-studio`` and compare (tests/formats/test_label_studio_real.py does, on a kept copy).
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


def call(url: str, token: str, method: str = "GET", body: Any = None, raw: bool = False) -> Any:
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            data = resp.read()
    except urllib.error.HTTPError as exc:
        sys.exit(f"{method} {url}: HTTP {exc.code}: {exc.read().decode('utf-8', 'replace')}")
    return data if raw else json.loads(data) if data else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="http://127.0.0.1:8089")
    ap.add_argument("--token", required=True)
    ap.add_argument("--tasks", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--title", default="annotator claims check")
    ap.add_argument("--min", action="store_true", help="also write the JSON_MIN export")
    args = ap.parse_args(argv)
    base = args.url.rstrip("/")
    config = args.tasks.with_name(f"{args.tasks.stem}.label_config.xml").read_text("utf-8")
    tasks = json.loads(args.tasks.read_text("utf-8"))
    problems = validate(config, tasks)
    project = call(f"{base}/api/projects", args.token, "POST",
                   {"title": args.title, "label_config": config})
    pid = project["id"]
    print(f"project {pid}: config accepted")
    sent = counts(tasks)
    report = call(f"{base}/api/projects/{pid}/import?commit_to_project=true", args.token,
                  "POST", tasks)
    print("sent", sent)
    print("import", {k: v for k, v in report.items() if k.endswith("count")})
    snapshot = call(f"{base}/api/projects/{pid}/exports", args.token, "POST", {
        "title": "annotator check", "serialization_options": {"predictions": {"only_id": False}}})
    exported = call(f"{base}/api/projects/{pid}/exports/{snapshot['id']}/download"
                    "?exportType=JSON", args.token, raw=True)
    back = counts(json.loads(exported))
    print("exported", back)
    args.out.write_bytes(exported)  # as Label Studio wrote it
    quick = call(f"{base}/api/projects/{pid}/export?exportType=JSON&download_all_tasks=true",
                 args.token, raw=True)
    print("quick export: predictions", [t.get("predictions") for t in json.loads(quick)])
    args.out.with_name(f"{args.out.stem}.quick.json").write_bytes(quick)
    if args.min:
        args.out.with_name(f"{args.out.stem}.min.json").write_bytes(
            call(f"{base}/api/projects/{pid}/export?exportType=JSON_MIN"
                 "&download_all_tasks=true", args.token, raw=True))
    return 0 if back == sent and not problems else 1


def counts(tasks: list[dict[str, Any]]) -> dict[str, int]:
    layers = [a for t in tasks for a in t.get("annotations", []) + t.get("predictions", [])]
    return {"tasks": len(tasks),
            "annotations": sum(len(t.get("annotations", [])) for t in tasks),
            "predictions": sum(len(t.get("predictions", [])) for t in tasks),
            "results": sum(len(a["result"]) for a in layers if isinstance(a, dict))}


def validate(config: str, tasks: list[dict[str, Any]]) -> int:
    """Errors Label Studio's own validator (label_studio_sdk's LabelInterface) finds."""
    try:
        from label_studio_sdk.label_interface import LabelInterface
    except ImportError:
        print("label_studio_sdk not importable: results not validated")
        return 0
    interface = LabelInterface(config)
    errors = [e for t in tasks for a in t.get("annotations", []) + t.get("predictions", [])
              for e in interface.validate_prediction(a, return_errors=True)]
    print(f"validated {counts(tasks)['results']} results: {len(errors)} errors", *errors,
          sep="\n  ")
    return len(errors)


if __name__ == "__main__":
    sys.exit(main())
