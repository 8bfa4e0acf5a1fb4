#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Checks exporter/monitoring/grafana-dashboard.json: loads as a Grafana 9+ dashboard, every query
# is valid PromQL (through `promtool check rules`) and names only metrics the exporter serves
# (those in the golden outputs given after it, tests/exporter/data/*.prom, plus Prometheus' own `up`),
# and every offload metric the exporter serves has a panel (an uploader down or a recording lost
# before upload must show on the dashboard, not only in an alert).
import json
import os
import re
import subprocess
import sys
import tempfile

dashboard_path, golden_paths = sys.argv[1], sys.argv[2:]
with open(dashboard_path, encoding="utf-8") as f:
    dashboard = json.load(f)
served = {"up"}
for golden_path in golden_paths:
    with open(golden_path, encoding="utf-8") as f:
        served |= {m.group(1) for m in re.finditer(r"^# TYPE (\S+) ", f.read(), re.M)}

errors = []
if dashboard.get("schemaVersion", 0) < 36:
    errors.append("schemaVersion %s is older than Grafana 9 (36)" % dashboard.get("schemaVersion"))
for key in ("uid", "title", "panels", "templating"):
    if key not in dashboard:
        errors.append("missing top-level key " + key)
ids = [p["id"] for p in dashboard["panels"]]
if len(ids) != len(set(ids)):
    errors.append("panel ids are not unique")

exprs = []
for panel in dashboard["panels"]:
    if not panel.get("targets"):
        errors.append("panel %r has no query" % panel.get("title"))
    for target in panel.get("targets", []):
        expr = target["expr"]
        exprs.append(expr)
        for name in re.findall(r"\b(recorder_[a-z_]+|up)\b(?=\s*[{\[)]|\s*$|\s*==)", expr):
            if name not in served:
                errors.append("panel %r uses %s, which the exporter does not serve" % (panel["title"], name))

# Offload's families (docs/metrics.md, "Offload"): each one served must be in some panel's query.
offload = sorted(n for n in served if re.match(r"recorder_(upload|uploads|offload)_", n) or n == "recorder_internet_connected")
for name in offload:
    if not any(re.search(r"\b%s\b" % name, expr) for expr in exprs):
        errors.append("no panel shows %s (an offload metric the exporter serves)" % name)

with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as rules:
    rules.write("groups:\n  - name: dashboard\n    rules:\n")
    for i, expr in enumerate(exprs):
        rules.write("      - record: dashboard:query%d\n        expr: %s\n" % (i, json.dumps(expr.replace("$instance", ".*"))))
result = subprocess.run(["promtool", "check", "rules", rules.name], capture_output=True, text=True)
os.unlink(rules.name)
if result.returncode != 0:
    errors.append("promtool rejects a query: " + result.stdout + result.stderr)

for e in errors:
    print("grafana-dashboard.json:", e)
print("%d panels, %d queries checked" % (len(ids), len(exprs)))
sys.exit(1 if errors else 0)
