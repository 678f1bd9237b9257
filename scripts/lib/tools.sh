# Shared by scripts/test and scripts/demo: makes sure Swift, PostgreSQL's server programs,
# libpq's headers and pkg-config are there, installing the Debian packages when run as root.
# Defines PG_BINDIR. Source it; it expects `section` and `die` to be defined.

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

# The folder of the PostgreSQL server programs, the same search the embedded cluster makes.
find_pg_bindir() {
    local dir
    if [ -n "${GOVREG_PG_BINDIR:-}" ] && [ -x "$GOVREG_PG_BINDIR/initdb" ]; then
        echo "$GOVREG_PG_BINDIR"; return 0
    fi
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
        if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -V -r); do
        if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
    return 1
}

packages=(postgresql libpq-dev pkg-config libqrencode-dev)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed'; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -gt 0 ] || ! find_pg_bindir >/dev/null; then
    [ "$(id -u)" -eq 0 ] || die "missing: ${missing[*]:-PostgreSQL server programs}; install them: sudo apt-get install -y ${packages[*]}"
    echo "Installing ${missing[*]:-PostgreSQL} ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update </dev/null
    apt-get install -y "${packages[@]}" </dev/null
fi

# html5lib (PyPI) checks the HTML govreg writes: the public site's and the report's pages.
if ! python3 -c 'import html5lib' >/dev/null 2>&1; then
    echo "Installing html5lib (PyPI) ..."
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore html5lib </dev/null \
        || python3 -m pip install --quiet html5lib </dev/null || die "could not install html5lib: python3 -m pip install html5lib"
fi

command -v swift >/dev/null 2>&1 || die "swift is not on the PATH (looked in /opt/swift/usr/bin too); install Swift 6"
PG_BINDIR="$(find_pg_bindir)" || die "no PostgreSQL server programs (initdb) found; install postgresql: apt-get install -y postgresql"
swift --version 2>&1 | head -n 1
echo "PostgreSQL: $("$PG_BINDIR/postgres" --version) in $PG_BINDIR"

