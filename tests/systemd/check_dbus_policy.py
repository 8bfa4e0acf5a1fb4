#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Static check of systemd/org.recorder.Recorder1.conf (written with the D-Bus API): user recorder
# may own the name, root and group recorder may call it, but not the service users recorder-watchdog
# and recorder-metrics (members of group recorder to read files), the default context grants nothing.
# With NAME OWNER [DENIED_USER...] after the path, the same check of another service's policy
# (org.recorder.Offload1: owned by recorder-offload, denied to recorder, recorder-watchdog, recorder-metrics).
import sys
import xml.etree.ElementTree as ET

NAME = "org.recorder.Recorder1"
SERVICE_USERS = ("recorder-watchdog", "recorder-metrics")


def rules(policy, kind, attribute):
    return [rule for rule in policy.findall(kind) if rule.get(attribute) in (NAME, "*")]


def main(path, name=None, owner="recorder", serviceUsers=None):
    global NAME, SERVICE_USERS
    NAME = name or NAME
    SERVICE_USERS = tuple(serviceUsers) if serviceUsers else SERVICE_USERS
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        print("FAIL: %s: not well-formed XML: %s" % (path, error))
        return 1
    if root.tag != "busconfig":
        problems.append("the root element is <%s>, not <busconfig>" % root.tag)
    policies = root.findall("policy")

    def policiesFor(key, value):
        return [p for p in policies if p.get(key) == value]

    if not any(rules(p, "allow", "own") for p in policiesFor("user", owner)):
        problems.append('no <policy user="%s"> with <allow own="%s"/>' % (owner, NAME))
    for key, value in (("user", "root"), ("group", "recorder")):
        if not any(rules(p, "allow", "send_destination") for p in policiesFor(key, value)):
            problems.append('no <policy %s="%s"> with <allow send_destination="%s"/>' % (key, value, NAME))
    for policy in policiesFor("context", "default") + policiesFor("context", "mandatory"):
        for kind in ("own", "send_destination"):
            granted = [r for r in policy.findall("allow") if r.get(kind) == NAME]
            if granted:
                problems.append('<policy context="%s"> allows %s="%s" to everybody' % (policy.get("context"), kind, NAME))
    # The watchdog's and the exporter's users have group recorder for reading files only.
    for user in SERVICE_USERS:
        if not any(rules(p, "deny", "send_destination") for p in policiesFor("user", user)):
            problems.append('no <policy user="%s"> with <deny send_destination="%s"/>' % (user, NAME))
        if any(rules(p, "allow", "send_destination") or rules(p, "allow", "own") for p in policiesFor("user", user)):
            problems.append('<policy user="%s"> grants access' % user)
    others = [p for p in policies
              if p.get("user") not in (None, "root", owner) + SERVICE_USERS or p.get("group") not in (None, "recorder")
              or p.get("at_console") is not None]
    for policy in others:
        if rules(policy, "allow", "send_destination") or rules(policy, "allow", "own"):
            problems.append("policy %s also grants access" % dict(policy.attrib))
    for problem in problems:
        print("FAIL: %s: %s" % (path, problem))
    if not problems:
        print("PASS: %s: own by %s, calls by root and group recorder only, not by %s" % (path, owner, ", ".join(SERVICE_USERS)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], *sys.argv[2:4], sys.argv[4:]))
