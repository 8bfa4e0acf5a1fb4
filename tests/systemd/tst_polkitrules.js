// SPDX-License-Identifier: MIT
// Runs after polkit_stub.js and systemd/50-recorder.rules under `duk`: asks the rules about every
// caller × action × unit × verb and checks that exactly the allow-list below gets YES and that
// everything else is left unhandled. Exits non-zero (uncaught error) on any mismatch.

var callers = {
    // recorder-watchdog: its own system user, group recorder to read the heartbeat, no login session.
    "watchdog": new Subject({ user: "recorder-watchdog", groups: ["recorder"], local: false, active: false }),
    // recorderd: parses untrusted camera and file input, so it is granted nothing.
    "recorderd": new Subject({ user: "recorder", groups: ["recorder", "video"], local: false, active: false }),
    // recorder-exporter: on the network, reads through group recorder, granted nothing.
    "exporter": new Subject({ user: "recorder-metrics", groups: ["recorder"], local: false, active: false }),
    // recorder-offload: the uploader, on the network, reads recordings through group recorder, granted nothing.
    "offload": new Subject({ user: "recorder-offload", groups: ["recorder"], local: false, active: false }),
    // A dashboard user at the Pi's screen.
    "operator": new Subject({ user: "alice", groups: ["alice", "recorder", "users"], local: true, active: true }),
    "operator-over-ssh": new Subject({ user: "alice", groups: ["alice", "recorder"], local: false, active: true }),
    "operator-inactive": new Subject({ user: "alice", groups: ["alice", "recorder"], local: true, active: false }),
    "stranger": new Subject({ user: "bob", groups: ["bob", "users", "video"], local: true, active: true }),
    "impostor-group": new Subject({ user: "recorder2", groups: ["recorders", "recorder-admin"], local: true, active: true }),
    "root": new Subject({ user: "root", groups: ["root"], local: true, active: true })
};

var actions = [
    "org.freedesktop.systemd1.manage-units",
    "org.freedesktop.systemd1.manage-unit-files",
    "org.freedesktop.systemd1.reload-daemon",
    "org.freedesktop.login1.reboot",
    "org.freedesktop.login1.reboot-multiple-sessions",
    "org.freedesktop.login1.reboot-ignore-inhibit",
    "org.freedesktop.login1.power-off",
    "org.freedesktop.login1.halt",
    "org.freedesktop.policykit.exec"
];

var units = [
    "recorder.service", "recorder-watchdog.service", "recorder-metrics.service", "recorder-offload.service",
    "recorder-offload.timer", "ssh.service", "recorder.socket", "recorder.service.d", "Recorder.service", "", undefined
];

var verbs = [
    "restart", "reset-failed", "start", "stop", "reload", "reload-or-restart", "try-restart",
    "kill", "enable", "", undefined
];

// The whole grant, written as the issues state it (16, and 15 for the uploader); recorderd, the
// exporter and the uploader have no line.
// Key: caller|action|unit|verb.
var allowed = [
    "watchdog|org.freedesktop.systemd1.manage-units|recorder.service|restart",
    "watchdog|org.freedesktop.systemd1.manage-units|recorder.service|reset-failed",
    "watchdog|org.freedesktop.login1.reboot|*|*",
    "watchdog|org.freedesktop.login1.reboot-multiple-sessions|*|*",
    "operator|org.freedesktop.systemd1.manage-units|recorder.service|restart",
    "operator|org.freedesktop.systemd1.manage-units|recorder-watchdog.service|restart",
    "operator|org.freedesktop.systemd1.manage-units|recorder-metrics.service|restart",
    "operator|org.freedesktop.systemd1.manage-units|recorder-offload.service|restart"
];

function isAllowed(caller, actionId, unit, verb) {
    for (var i = 0; i < allowed.length; ++i) {
        var parts = allowed[i].split("|");
        if (parts[0] === caller && parts[1] === actionId
                && (parts[2] === "*" || parts[2] === unit)
                && (parts[3] === "*" || parts[3] === verb)) {
            return true;
        }
    }
    return false;
}

// Asks every rule in order, as polkitd does, and returns the first answer that is not "not handled".
function decide(subject, action) {
    for (var i = 0; i < polkit.rules.length; ++i) {
        var result = polkit.rules[i](action, subject);
        if (result !== undefined && result !== null) {
            return result;
        }
    }
    return "not-handled";
}

function describe(value) {
    return value === undefined ? "(none)" : JSON.stringify(value);
}

if (polkit.rules.length !== 1) {
    throw new Error("expected exactly one rule, the rules file added " + polkit.rules.length);
}

var checked = 0;
var failures = [];
// Wrong decisions shown per caller: enough to see every caller that is wrong, not thousands of lines.
var shownPerCaller = 8;
var failuresPerCaller = {};
var granted = {};
for (var callerName in callers) {
    for (var a = 0; a < actions.length; ++a) {
        for (var u = 0; u < units.length; ++u) {
            for (var v = 0; v < verbs.length; ++v) {
                var details = {};
                if (units[u] !== undefined) {
                    details.unit = units[u];
                }
                if (verbs[v] !== undefined) {
                    details.verb = verbs[v];
                }
                var result = decide(callers[callerName], new Action(actions[a], details));
                var expected = isAllowed(callerName, actions[a], units[u], verbs[v]) ? polkit.Result.YES
                                                                                      : "not-handled";
                ++checked;
                if (result === polkit.Result.YES) {
                    granted[callerName + "|" + actions[a]] = true;
                }
                if (result !== expected) {
                    failuresPerCaller[callerName] = (failuresPerCaller[callerName] || 0) + 1;
                    if (failuresPerCaller[callerName] > shownPerCaller) {
                        failures.push(null);
                        continue;
                    }
                    failures.push(callerName + " " + actions[a] + " unit=" + describe(units[u]) + " verb="
                                  + describe(verbs[v]) + ": got " + describe(result) + ", want "
                                  + describe(expected));
                }
            }
        }
    }
}

// Every line of the allow-list must have been granted at least once, or the list is stale.
for (var k = 0; k < allowed.length; ++k) {
    var key = allowed[k].split("|").slice(0, 2).join("|");
    if (!granted[key]) {
        failures.push("allow-list entry never granted: " + allowed[k]);
    }
}

print("polkit rules: " + checked + " decisions checked, " + failures.length + " wrong");
if (failures.length > 0) {
    for (var f = 0; f < failures.length; ++f) {
        if (failures[f] !== null) {
            print("FAIL " + failures[f]);
        }
    }
    throw new Error(failures.length + " wrong polkit decisions");
}
