"""Send our Label Studio export to a running Label Studio and fetch its own export back (issue 11:
check against the real consumer). Never run by the tests; stdlib only.

    python scripts/check_label_studio.py --url http://127.0.0.1:8089 --token TOKEN \\
        --tasks claims.json --out label-studio-export.json

creates a project with the labeling config written beside ``--tasks``
(``STEM.label_config.xml``), imports the tasks (annotations and predictions), prints what the
server counted, and writes Label Studio's JSON export to ``--out`` (``--min`` also JSON_MIN
beside it). Import ``--out`` back with ``annotator import -f label-studio`` and compare.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


def call(url: str, token: str, method: str = "GET", body: Any = None) -> Any:
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as exc:
        sys.exit(f"{method} {url}: HTTP {exc.code}: {exc.read().decode('utf-8', 'replace')}")
    return json.loads(raw) if raw else None


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
    project = call(f"{base}/api/projects", args.token, "POST",
                   {"title": args.title, "label_config": config})
    pid = project["id"]
    print(f"project {pid}: config accepted")
    sent = {"tasks": len(tasks),
            "annotations": sum(len(t.get("annotations", [])) for t in tasks),
            "predictions": sum(len(t.get("predictions", [])) for t in tasks),
            "results": sum(len(a["result"]) for t in tasks
                           for a in t.get("annotations", []) + t.get("predictions", []))}
    report = call(f"{base}/api/projects/{pid}/import?commit_to_project=true", args.token,
                  "POST", tasks)
    print("sent", sent)
    print("import", {k: v for k, v in report.items() if k.endswith("count")})
    exported = call(f"{base}/api/projects/{pid}/export?exportType=JSON&download_all_tasks=true",
                    args.token)
    back = {"tasks": len(exported),
            "annotations": sum(len(t.get("annotations", [])) for t in exported),
            "predictions": sum(len(t.get("predictions", [])) for t in exported),
            "results": sum(len(a["result"]) for t in exported
                           for a in t.get("annotations", []) + t.get("predictions", []))}
    print("exported", back)
    args.out.write_text(json.dumps(exported, ensure_ascii=False, indent=1) + "\n", "utf-8")
    if args.min:
        small = call(f"{base}/api/projects/{pid}/export?exportType=JSON_MIN"
                     "&download_all_tasks=true", args.token)
        args.out.with_name(f"{args.out.stem}.min.json").write_text(
            json.dumps(small, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0 if back == sent else 1


if __name__ == "__main__":
    sys.exit(main())
