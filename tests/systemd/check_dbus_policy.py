#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Static check of systemd/org.recorder.Recorder1.conf (written with the D-Bus API): user recorder
# may own the name, root and group recorder may call it, but not the service users recorder-watchdog
# and recorder-metrics (members of group recorder to read files), the default context grants nothing.
# The upload queue (org.recorder.Uploads1, issue 15): group recorder may call only its read and retry
# members; user recorder-offload may call the interface, and nothing else of the recorder.
# With NAME OWNER [DENIED_USER...] after the path, the same check of another service's policy
# (org.recorder.Offload1: owned by recorder-offload, denied to recorder, recorder-watchdog, recorder-metrics).
import sys
import xml.etree.ElementTree as ET

NAME = "org.recorder.Recorder1"
SERVICE_USERS = ("recorder-watchdog", "recorder-metrics")
UPLOADER = "recorder-offload"
UPLOADS = "org.recorder.Uploads1"
# What group recorder may call of UPLOADS; BeginUpload and FinishUpload are the uploader's alone.
GROUP_UPLOAD_MEMBERS = ("PendingUploads", "UploadQueue", "RetryUploads")


def rules(policy, kind, attribute):
    return [rule for rule in policy.findall(kind) if rule.get(attribute) in (NAME, "*")]


def main(path, name=None, owner="recorder", serviceUsers=None):
    global NAME, SERVICE_USERS
    NAME = name or NAME
    SERVICE_USERS = tuple(serviceUsers) if serviceUsers else SERVICE_USERS
    recorder = NAME == "org.recorder.Recorder1"  # the upload queue is recorderd's interface
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
    if recorder:
        for policy in policiesFor("group", "recorder"):
            for rule in rules(policy, "allow", "send_destination"):
                if rule.get("send_interface") == UPLOADS and rule.get("send_member") not in GROUP_UPLOAD_MEMBERS:
                    problems.append('group recorder may call %s.%s' % (UPLOADS, rule.get("send_member") or "*"))
                if rule.get("send_interface") is None:
                    problems.append("group recorder may call every interface, %s included" % UPLOADS)
        uploader = policiesFor("user", UPLOADER)
        if not any(r.get("send_interface") == UPLOADS for p in uploader for r in rules(p, "allow", "send_destination")):
            problems.append('no <policy user="%s"> with <allow send_destination="%s" send_interface="%s"/>'
                            % (UPLOADER, NAME, UPLOADS))
        if not any(r.get("send_interface") == NAME for p in uploader for r in rules(p, "deny", "send_destination")):
            problems.append('<policy user="%s"> does not deny the recorder\'s own interface %s' % (UPLOADER, NAME))
        for policy in uploader:
            if rules(policy, "allow", "own") or any(r.get("send_interface") != UPLOADS
                                                    for r in rules(policy, "allow", "send_destination")):
                problems.append('<policy user="%s"> grants more than %s' % (UPLOADER, UPLOADS))
    others = [p for p in policies
              if p.get("user") not in (None, "root", owner) + ((UPLOADER,) if recorder else ()) + SERVICE_USERS
              or p.get("group") not in (None, "recorder")
              or p.get("at_console") is not None]
    for policy in others:
        if rules(policy, "allow", "send_destination") or rules(policy, "allow", "own"):
            problems.append("policy %s also grants access" % dict(policy.attrib))
    for problem in problems:
        print("FAIL: %s: %s" % (path, problem))
    if not problems:
        print("PASS: %s: own by %s, calls by root and group recorder only, not by %s%s"
              % (path, owner, ", ".join(SERVICE_USERS),
                 "; %s's Begin/FinishUpload by %s only" % (UPLOADS, UPLOADER) if recorder else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], *sys.argv[2:4], sys.argv[4:]))
