#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Checks exporter/monitoring/compat-rules.yml against what recorder-exporter really serves (its
# golden output, tests/exporter/data/golden.prom), so that a rename on our side fails the build
# instead of blanking the dashboards of people who moved from the Python recorder.
#
#   check_compat.py names RULES GOLDEN
#     every metric a rule reads, with every label value it selects by equality, is in GOLDEN; no
#     rule writes a name the exporter serves itself.
#   check_compat.py queries RULES GOLDEN QUERIES MIGRATION_MD
#     runs each of the Python recorder's queries (QUERIES, tab-separated) through `promtool test
#     rules` against GOLDEN's series (job "recorder") plus RULES, prints which find data, and fails
#     when that differs from the file's expectation or a query is missing from MIGRATION_MD.
import os
import re
import subprocess
import sys
import tempfile

SELECTOR = re.compile(r"\b(recorder_[a-z_]+)\b(?:\s*\{([^}]*)\})?")
MATCHER = re.compile(r'([a-zA-Z_]\w*)\s*(=~|!=|!~|=)\s*"([^"]*)"')


def read_rules(path):
    """(record, expr) pairs; the file keeps each expr on one line, which this relies on."""
    records, exprs = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*-?\s*(record|expr):\s*(.*?)\s*$", line)
            if m:
                (records if m.group(1) == "record" else exprs).append(m.group(2).strip("'\""))
    if not records or len(records) != len(exprs):
        sys.exit("%s: %d records and %d exprs: write each rule's expr on one line" % (path, len(records), len(exprs)))
    return list(zip(records, exprs))


def read_golden(path):
    """{metric name: [ {label: value} per sample ]} and the sample lines, from a scrape."""
    samples, lines = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            m = re.match(r"([a-zA-Z_:][\w:]*)(\{.*\})?\s+(\S+)$", line)
            if not m:
                sys.exit("%s: cannot read sample line %r" % (path, line))
            labels = dict((k, v) for k, _, v in MATCHER.findall(m.group(2) or ""))
            samples.setdefault(m.group(1), []).append(labels)
            lines.append((m.group(1), m.group(2) or "", m.group(3)))
    return samples, lines


def check_names(rules_path, golden_path):
    served, _ = read_golden(golden_path)
    errors = []
    for record, expr in read_rules(rules_path):
        if record in served:
            errors.append("rule %s writes a name the exporter serves itself" % record)
        for name, matchers in SELECTOR.findall(expr):
            if name not in served:
                errors.append("rule %s reads %s, which the exporter does not serve" % (record, name))
                continue
            for label, op, value in MATCHER.findall(matchers):
                if op == "=" and not any(s.get(label) == value for s in served[name]):
                    errors.append('rule %s selects %s{%s="%s"}, which the exporter never serves'
                                  % (record, name, label, value))
    for e in errors:
        print("compat-rules.yml:", e)
    print("%d rules checked against %s" % (len(read_rules(rules_path)), os.path.basename(golden_path)))
    return 1 if errors else 0


def input_series(golden_lines):
    """promtool input_series for the golden scrape, as the prometheus.yml job labels it."""
    out = []
    for name, labels, value in golden_lines:
        inner = labels[1:-1] if labels else ""
        series = '%s{job="recorder", instance="pi1"%s}' % (name, ", " + inner if inner else "")
        out.append("      - series: '%s'\n        values: '%sx20'\n" % (series.replace("'", "''"), value))
    return "".join(out)


def finds_data(expr, rules_path, series):
    """True when expr returns at least one sample at 15m, False when none, None when promtool fails."""
    def run(expect):
        with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as t:
            t.write("rule_files:\n  - %s\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n"
                    "    input_series:\n%s    promql_expr_test:\n      - expr: 'clamp_max(count(%s), 1)'\n"
                    "        eval_time: 15m\n        exp_samples: %s\n"
                    % (os.path.abspath(rules_path), series, expr.replace("'", "''"), expect))
        result = subprocess.run(["promtool", "test", "rules", t.name], capture_output=True, text=True)
        os.unlink(t.name)
        return result
    if run("[{labels: '{}', value: 1}]").returncode == 0:
        return True
    result = run("[]")
    if result.returncode == 0:
        return False
    print(result.stdout + result.stderr)
    return None


def check_queries(rules_path, golden_path, queries_path, migration_path):
    _, lines = read_golden(golden_path)
    series = input_series(lines)
    with open(migration_path, encoding="utf-8") as f:
        migration = f.read()
    errors, count, known = [], 0, {}
    with open(queries_path, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    for row in rows:
        if len(row) != 5 or row[3] not in ("yes", "no"):
            sys.exit("%s: bad row %r: want source, use, query, yes|no, meaning" % (queries_path, row))
        source, use, expr, expected, meaning = row
        if expr not in known:
            known[expr] = finds_data(expr, rules_path, series)
        found = known[expr]
        count += 1
        print("%-4s %-14s %s  (%s, %s)" % ({True: "DATA", False: "none", None: "ERR"}[found], meaning, expr, source, use))
        if found is None:
            errors.append("promtool cannot evaluate %r (%s, %s)" % (expr, source, use))
        elif found != (expected == "yes"):
            errors.append("%r (%s, %s) %s data, the table says %s" % (expr, source, use, "finds" if found else "finds no", expected))
        if "`%s`" % expr not in migration:
            errors.append("%r is not in %s" % (expr, os.path.basename(migration_path)))
    for e in errors:
        print("error:", e)
    print("%d queries of the Python recorder evaluated against our series and compat-rules.yml" % count)
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "names":
        sys.exit(check_names(sys.argv[2], sys.argv[3]))
    if len(sys.argv) == 6 and sys.argv[1] == "queries":
        sys.exit(check_queries(*sys.argv[2:]))
    sys.exit("usage: check_compat.py names RULES GOLDEN | queries RULES GOLDEN QUERIES MIGRATION_MD")
