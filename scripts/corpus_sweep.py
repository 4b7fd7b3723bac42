#!/usr/bin/env python3
"""Runs every query of a JSONL corpus ({"id", "query"} per line) through the `kql` binary
over empty tables of a schema directory, one process per query, and reports how each one
ended: ran (exit 0), a clear error (exit 1), or a failure of the tool itself (a panic
exit code, a signal, a usage error, or no answer within the time limit).

    scripts/corpus_sweep.py CORPUS.jsonl --schemas DIR [--kql target/release/kql]
        [--timeout 10] [--jobs 2] [--only-binding CHECK.jsonl] [--details OUT.jsonl]

`--only-binding` takes the output of `kql check --jsonl CORPUS --schemas DIR` and sweeps
only the records that bind (the "every query that binds also runs" measurement). Exits
non-zero when any query panics, crashes or hangs.
"""
import argparse
import collections
import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def run_one(kql, schemas, timeout, record):
    """(id, outcome, seconds, first error line) for one query."""
    args = [kql, "run", "--empty-tables", "--schemas", schemas, "--format", "json",
            "--timeout", str(timeout), "-e", record["query"]]
    start = time.monotonic()
    try:
        proc = subprocess.run(args, capture_output=True, timeout=timeout + 5,
                              env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        return record["id"], "hang", time.monotonic() - start, ""
    elapsed = time.monotonic() - start
    err = proc.stderr.decode("utf-8", "replace")
    first = next((l for l in err.splitlines() if l.strip()), "")
    if proc.returncode == 0:
        outcome = "ran"
    elif proc.returncode == 1:
        outcome = "error"
    elif proc.returncode < 0:
        outcome = "signal %d" % -proc.returncode
    elif "panicked" in err:
        outcome = "panic"
    else:
        outcome = "exit %d" % proc.returncode
    return record["id"], outcome, elapsed, first


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--schemas", required=True)
    ap.add_argument("--kql", default="target/release/kql")
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only-binding", metavar="CHECK_JSONL")
    ap.add_argument("--details", metavar="OUT_JSONL")
    a = ap.parse_args()

    records = [json.loads(l) for l in open(a.corpus, encoding="utf-8") if l.strip()]
    if a.only_binding:
        binds = {r["id"] for r in map(json.loads, open(a.only_binding)) if r.get("ok")}
        records = [r for r in records if r["id"] in binds]

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=a.jobs) as pool:
        results = list(pool.map(lambda r: run_one(a.kql, a.schemas, a.timeout, r), records))
    wall = time.monotonic() - start

    outcomes = collections.Counter(r[1] for r in results)
    reasons = collections.Counter(
        re.sub(r"'[^']*'", "'…'", r[3])[:120] for r in results if r[1] == "error")
    slowest = sorted(results, key=lambda r: -r[2])[:5]
    print("queries: %d in %.1f s" % (len(results), wall))
    for k, v in outcomes.most_common():
        print("  %-10s %d" % (k, v))
    if reasons:
        print("errors by message:")
        for k, v in reasons.most_common(15):
            print("  %4d  %s" % (v, k))
    print("slowest: " + ", ".join("%s %.2fs" % (r[0], r[2]) for r in slowest))
    bad = [r for r in results if r[1] not in ("ran", "error")]
    for r in bad:
        print("FAILURE %s: %s %s" % (r[0], r[1], r[3]))
    if a.details:
        with open(a.details, "w", encoding="utf-8") as f:
            for r in results:
                f.write(json.dumps({"id": r[0], "outcome": r[1], "seconds": round(r[2], 3),
                                    "error": r[3]}) + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
