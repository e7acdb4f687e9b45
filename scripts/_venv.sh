# Shared by scripts/serve and scripts/test: create .venv on first use and
# install a requirements file only when it (or the interpreter) changed.
# shellcheck shell=bash

is_root_with_apt() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

ensure_venv() {
    # $@: requirements files; the first is installed, all are hashed.
    if [ ! -x .venv/bin/python ] || [ ! -x .venv/bin/pip ]; then
        echo "Creating .venv ..." >&2
        if ! python3 -m venv --clear .venv; then
            if is_root_with_apt; then
                # Debian's python3 lacks ensurepip until python3-venv is installed.
                apt-get update
                DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
                python3 -m venv --clear .venv
            else
                echo "error: 'python3 -m venv' failed. On Debian/Ubuntu install it with:" >&2
                echo "  sudo apt-get install python3-venv" >&2
                exit 1
            fi
        fi
    fi
    local stamp=".venv/.stamp-$(basename "$1")" want
    # The stamp holds a hash of the requirements and the interpreter, so a
    # second run skips pip entirely.
    want="$(.venv/bin/python - "$@" <<'PY'
import hashlib, sys
h = hashlib.sha256(sys.version.encode())
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        h.update(f.read())
print(h.hexdigest())
PY
)"
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
        echo "Installing $1 into .venv ..." >&2
        .venv/bin/python -m pip install --disable-pip-version-check -q -r "$1"
        printf '%s\n' "$want" > "$stamp"
    fi
}
