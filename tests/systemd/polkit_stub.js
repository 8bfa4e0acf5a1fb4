// SPDX-License-Identifier: MIT
// Stand-in for polkit 122's JavaScript environment, loaded by `duk` before a rules file: the
// `polkit` object with addRule/Result, and Subject/Action shaped like polkit's own.
var polkit = {
    Result: {
        NO: "no",
        YES: "yes",
        AUTH_SELF: "auth_self",
        AUTH_SELF_KEEP: "auth_self_keep",
        AUTH_ADMIN: "auth_admin",
        AUTH_ADMIN_KEEP: "auth_admin_keep",
        NOT_HANDLED: null
    },
    rules: [],
    addRule: function (rule) {
        this.rules.push(rule);
    },
    addAdminRule: function () {
        throw new Error("rules file must not change who counts as an administrator");
    },
    log: function (message) {
        print("polkit.log: " + message);
    },
    // A rule that spawns programs is slower and harder to audit than this project needs.
    spawn: function () {
        throw new Error("rules file must not spawn programs");
    }
};

function Subject(fields) {
    this.user = fields.user;
    this.groups = fields.groups;
    this.local = fields.local;
    this.active = fields.active;
    this.pid = 4242;
    this.seat = fields.local ? "seat0" : "";
    this.session = "c1";
}

Subject.prototype.isInGroup = function (group) {
    for (var i = 0; i < this.groups.length; ++i) {
        if (this.groups[i] === group) {
            return true;
        }
    }
    return false;
};

Subject.prototype.isInNetGroup = function () {
    return false;
};

function Action(id, details) {
    this.id = id;
    this.details = details;
}

// polkit returns undefined for a detail the caller did not pass.
Action.prototype.lookup = function (key) {
    return this.details[key];
};
