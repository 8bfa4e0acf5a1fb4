# SPDX-License-Identifier: MIT
# Shell helpers shared by the offload system test and benchmark (sourced, not run).

# waitFor SECONDS COMMAND...: polls until COMMAND succeeds; false after SECONDS.
waitFor() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}

# freePort: a TCP port free on 127.0.0.1 right now.
freePort() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# jsonField FILE FIELD: that field of a JSON file, booleans as true/false, empty when unreadable or null.
jsonField() {
    python3 - "$1" "$2" <<'PY' 2>/dev/null || true
import json, sys
value = json.load(open(sys.argv[1]))[sys.argv[2]]
print(str(value).lower() if isinstance(value, bool) else ("" if value is None else value))
PY
}

# listening PORT: something accepts connections on 127.0.0.1:PORT.
listening() {
    python3 -c "import socket, sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1)" "$1" 2>/dev/null
}
