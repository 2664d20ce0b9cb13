#!/usr/bin/env python3
"""Checks deploy/grafana/idnode-dashboard.json without Grafana.

  python3 deploy/grafana/check-dashboard.py [DASHBOARD.json] [--prometheus http://127.0.0.1:9090]

- the file is a JSON object with panels, unique panel ids, panels that do not overlap;
- every panel and query variable uses the ${datasource} variable;
- every PromQL expression (panels and variables) names only metrics the node exports (METRICS below,
  plus the series suffixes Prometheus adds to histograms and summaries);
- with --prometheus: every expression, with the dashboard variables filled in, is accepted by that
  Prometheus (HTTP API /api/v1/query), and the script reports which ones return data.

Exit status 0 when everything holds, 1 otherwise.
"""
import json
import re
import sys
import urllib.parse
import urllib.request

# Series names the node exports (see deploy/README.md). Histograms and summaries also appear with
# the suffixes in SUFFIXES.
METRICS = {
    "idnode_requests_total",
    "idnode_request_duration_seconds",
    "idnode_requests_in_flight",
    "idnode_received_bytes_total",
    "idnode_sent_bytes_total",
    "idnode_input_rejected_total",
    "idnode_rocksdb_estimated_keys",
    "idnode_rocksdb_live_sst_bytes",
    "idnode_rocksdb_block_cache_hits_total",
    "idnode_rocksdb_block_cache_misses_total",
    "idnode_rocksdb_row_cache_hits_total",
    "idnode_rocksdb_row_cache_misses_total",
    "idnode_rocksdb_pending_compaction_bytes",
    "idnode_rocksdb_write_stall_seconds_total",
    "idnode_access_log_dropped_total",
    "jvm_memory_used_bytes",
    "jvm_gc_pause_seconds",
    "jvm_threads_live_threads",
    "process_cpu_usage",
    "system_cpu_usage",
    "process_uptime_seconds",
    "process_files_open_files",
}
SUFFIXED = {"idnode_request_duration_seconds", "jvm_gc_pause_seconds"}
SUFFIXES = ("_bucket", "_count", "_sum", "_max")

# PromQL words that look like identifiers but are not metric names.
KEYWORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
    "and", "or", "unless", "atan2", "inf", "nan",
}
GROUPING = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
IDENT = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")
DATASOURCE_UID = "${datasource}"


def metric_names(expr):
    """Identifiers in a PromQL expression that are metric names (not functions, labels or keywords)."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)      # string literals
    e = re.sub(r"\{[^}]*\}", "", e)                     # label matchers
    e = re.sub(r"\[[^\]]*\]", "", e)                    # range selectors and subqueries
    e = GROUPING.sub("", e)                             # by (...), on (...), ...
    e = re.sub(r"\$\w+", "", e)                         # dashboard variables
    names = set()
    for m in IDENT.finditer(e):
        word = m.group(0)
        if word.lower() in KEYWORDS:
            continue
        if m.start() > 0 and (e[m.start() - 1].isdigit() or e[m.start() - 1] == "."):
            continue                                    # 1e3, 0.99
        rest = e[m.end():].lstrip()
        if rest.startswith("("):
            continue                                    # function call or aggregation
        names.add(word)
    return names


def allowed(name):
    if name in METRICS:
        return True
    for base in SUFFIXED:
        if name.startswith(base) and name[len(base):] in SUFFIXES:
            return True
    return False


def all_panels(dash):
    for p in dash.get("panels", []):
        yield p
        for inner in p.get("panels", []) or []:
            yield inner


def expressions(dash):
    """(where, expr) for every query in panels and query variables."""
    for p in all_panels(dash):
        for t in p.get("targets", []) or []:
            if "expr" in t:
                yield f"panel {p.get('id')} {p.get('title')!r} ref {t.get('refId')}", t["expr"]
    for v in dash.get("templating", {}).get("list", []):
        if v.get("type") == "query":
            q = v.get("query")
            q = q.get("query") if isinstance(q, dict) else q
            # Grafana's label_values(SELECTOR, LABEL): the selector is the PromQL part.
            m = re.fullmatch(r"\s*label_values\((.*),\s*\w+\s*\)\s*", q or "")
            yield f"variable {v.get('name')}", m.group(1) if m else q


def check(dash):
    errors = []
    panels = list(all_panels(dash))
    if not panels:
        errors.append("no panels")
    ids = [p.get("id") for p in panels]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup or None in ids:
        errors.append(f"panel ids missing or duplicated: {sorted(x for x in dup if x is not None)}")
    boxes = []
    for p in panels:
        g = p.get("gridPos") or {}
        if not all(k in g for k in ("x", "y", "w", "h")):
            errors.append(f"panel {p.get('id')}: no complete gridPos")
            continue
        if g["x"] < 0 or g["x"] + g["w"] > 24:
            errors.append(f"panel {p.get('id')}: outside the 24-column grid")
        for q, h in boxes:
            if g["x"] < h["x"] + h["w"] and h["x"] < g["x"] + g["w"] and g["y"] < h["y"] + h["h"] and h["y"] < g["y"] + g["h"]:
                errors.append(f"panels {q} and {p.get('id')} overlap")
        boxes.append((p.get("id"), g))
        if p.get("type") != "row":
            ds = p.get("datasource") or {}
            if ds.get("uid") != DATASOURCE_UID:
                errors.append(f"panel {p.get('id')}: datasource {ds} is not the ${{datasource}} variable")
            refs = [t.get("refId") for t in p.get("targets", [])]
            if not refs or len(set(refs)) != len(refs):
                errors.append(f"panel {p.get('id')}: no targets or duplicate refIds {refs}")
            for t in p.get("targets", []):
                if (t.get("datasource") or {}).get("uid") != DATASOURCE_UID:
                    errors.append(f"panel {p.get('id')} ref {t.get('refId')}: datasource is not ${{datasource}}")
    names_used = set()
    for where, expr in expressions(dash):
        if not expr or not expr.strip():
            errors.append(f"{where}: empty expression")
            continue
        if expr.count("(") != expr.count(")") or expr.count("{") != expr.count("}"):
            errors.append(f"{where}: unbalanced brackets: {expr}")
        for n in metric_names(expr):
            names_used.add(n)
            if not allowed(n):
                errors.append(f"{where}: unknown metric {n!r} in {expr}")
    return errors, names_used


def fill(expr):
    """The expression as Grafana would send it, with the dashboard's variables replaced."""
    return (expr.replace("$__rate_interval", "1m").replace("$__interval", "15s")
            .replace("$job", ".*").replace("$instance", ".*"))


def query(prom, expr):
    url = prom.rstrip("/") + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            body = json.load(r)
    except urllib.error.HTTPError as e:
        body = json.load(e)
    return body


def main(argv):
    path = "deploy/grafana/idnode-dashboard.json"
    prom = None
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--prometheus":
            prom = args.pop(0)
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            path = a
    with open(path, encoding="utf-8") as f:
        dash = json.load(f)
    errors, names = check(dash)
    n_expr = sum(1 for _ in expressions(dash))
    print(f"{path}: {len(list(all_panels(dash)))} panels, {n_expr} expressions, metrics used: {', '.join(sorted(names))}")
    unused = sorted(m for m in METRICS if not any(n == m or n.startswith(m + "_") for n in names))
    if unused:
        print(f"note: exported metrics no panel shows: {', '.join(unused)}")
    if prom:
        empty = []
        for where, expr in expressions(dash):
            body = query(prom, fill(expr))
            if body.get("status") != "success":
                errors.append(f"{where}: Prometheus rejects it: {body.get('error')}: {fill(expr)}")
            elif not body.get("data", {}).get("result"):
                empty.append(where)
        print(f"Prometheus {prom}: {n_expr - len(empty)} of {n_expr} expressions return data now")
        for w in empty:
            print(f"  no data (yet): {w}")
    for e in errors:
        print("ERROR " + e, file=sys.stderr)
    print("FAILED" if errors else "OK")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
