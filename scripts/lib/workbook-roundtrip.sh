# The export half of scripts/workbook-check: `govreg export … --format xlsx` checked by
# openpyxl, re-saved by LibreOffice, imported back, and compared.
#
#   source scripts/lib/workbook-roundtrip.sh; export_round_trip GOVREG REPO
#   bash scripts/lib/workbook-roundtrip.sh [GOVREG]     (standalone; builds govreg if not given)
#
# On a throwaway embedded cluster in a temporary folder (stopped and removed afterwards), a
# district is loaded from docs/walkthrough/ plus a demand titled like a formula
# (=HYPERLINK(…)) with markup characters and a line break in its description. Then, for
# demands (English and Chinese headers) and resources:
#   1. export as xlsx, and as CSV;
#   2. openpyxl checks the workbook (scripts/lib/check_export_workbook.py): dates are dates,
#      money has two decimals, the formula-like title is a string cell, header frozen, widths;
#   3. `soffice --headless --convert-to xlsx` re-saves it as LibreOffice writes workbooks;
#   4. `govreg import` of the re-saved workbook reports every row unchanged (0 new, 0 updated);
#   5. a new CSV export is byte for byte the first one;
# and the re-saved demand and resource workbooks load into an empty district whose CSV
# exports equal the first district's.
# Needs openpyxl 3.1.5 (pip) and soffice (apt-get install libreoffice-calc-nogui): installed
# when missing, as root.

export_round_trip() {
    local govreg="$1" repo="$2"
    local work status=0
    work="$(mktemp -d /tmp/govreg-xlsx.XXXXXX)"
    chmod 711 "$work"
    # `|| status=$?`: a caller's `set -e` must not skip the cleanup below.
    (
        set -euo pipefail
        while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(PG|GOVREG_)' || true)
        export GOVREG_DATA_DIR="$work/.govreg" XDG_CONFIG_HOME="$work/config" GOVREG_MIGRATIONS="$repo/migrations"
        export GOVREG_ACTOR=workbook.check
        cd "$work"
        round_trip_steps "$govreg" "$repo"
    ) || status=$?
    (
        while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(PG|GOVREG_)' || true)
        [ -d "$work/.govreg" ] && GOVREG_DATA_DIR="$work/.govreg" "$govreg" db stop >/dev/null 2>&1
    ) || true
    rm -rf "$work"
    return "$status"
}

# Installs what the round trip needs and is missing: openpyxl (pinned) and LibreOffice Calc.
round_trip_tools() {
    if ! python3 -c 'import openpyxl, sys; sys.exit(openpyxl.__version__ != "3.1.5")' >/dev/null 2>&1; then
        echo "Installing openpyxl 3.1.5 (PyPI) ..."
        python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore openpyxl==3.1.5 </dev/null \
            || python3 -m pip install --quiet openpyxl==3.1.5 </dev/null
    fi
    if ! command -v soffice >/dev/null 2>&1; then
        echo "Installing libreoffice-calc-nogui (Debian) ..."
        DEBIAN_FRONTEND=noninteractive apt-get update </dev/null >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-calc-nogui </dev/null >/dev/null
    fi
}

round_trip_steps() {
    local govreg="$1" repo="$2"
    local walk="$repo/docs/walkthrough" check="$repo/scripts/lib/check_export_workbook.py"
    local formula='=HYPERLINK("http://evil.example","点我")'
    "$govreg" db migrate >/dev/null
    "$govreg" tenant create shangjie --name 上街区 --division-code 410106 >/dev/null
    "$govreg" import org "$walk/org.csv" --tenant shangjie >/dev/null
    "$govreg" import units "$walk/units.csv" --tenant shangjie >/dev/null
    "$govreg" import demands "$walk/demands.csv" --tenant shangjie >/dev/null
    "$govreg" import resources "$walk/resources.csv" --tenant shangjie >/dev/null
    "$govreg" demand add --tenant shangjie --title "$formula" --category 公共设施 --org-code T01V01 \
        --quantity 2 --measure-unit 件 --priority 3 --external-id SJ-D099 \
        --description=$'-1+1 & <b>"引号"</b> \'单引号\'\n@第二行' >/dev/null
    mkdir -p resaved

    local list header file
    for list in demands:en demands:zh resources:en; do
        header="${list#*:}"; list="${list%%:*}"; file="$list-$header"
        "$govreg" export "$list" --tenant shangjie --header "$header" --format xlsx --out "$file.xlsx" >/dev/null
        "$govreg" export "$list" --tenant shangjie --header "$header" --out "$file.csv" >/dev/null
        if [ "$list" = demands ]; then
            python3 "$check" "$file.xlsx" --formula-title "$formula"
        else
            python3 "$check" "$file.xlsx"
        fi
        timeout 300 soffice --headless --norestore --convert-to xlsx --outdir resaved "$file.xlsx" >/dev/null 2>&1 \
            || { echo "soffice could not re-save $file.xlsx" >&2; return 1; }
        # LibreOffice keeps the types but, run headless, drops the frozen pane: check the rest.
        python3 -c 'import sys; from openpyxl import load_workbook; ws = load_workbook(sys.argv[1]).active; sys.exit(ws.max_row < 2)' \
            "resaved/$file.xlsx" || { echo "the re-saved $file.xlsx has no rows" >&2; return 1; }
        local report
        report="$("$govreg" import "$list" "resaved/$file.xlsx" --tenant shangjie 2>&1)" \
            || { echo "import of the re-saved $file.xlsx failed:" >&2; echo "$report" >&2; return 1; }
        echo "$report" | grep -q ': 0 new 新增, 0 updated 更新, [1-9][0-9]* unchanged 未变' \
            || { echo "import of the re-saved $file.xlsx changed rows:" >&2; echo "$report" >&2; return 1; }
        "$govreg" export "$list" --tenant shangjie --header "$header" --out "$file-again.csv" >/dev/null
        cmp "$file.csv" "$file-again.csv" || { echo "$list ($header): the export after the round trip differs" >&2; diff "$file.csv" "$file-again.csv" >&2; return 1; }
        echo "round trip: $list ($header header): exported as xlsx, re-saved by LibreOffice, imported: $(echo "$report" | head -n 1); the CSV export is unchanged"
    done

    # An empty district reads the re-saved workbooks into the same lists.
    "$govreg" tenant create xinqu --name 新区 --division-code 410107 >/dev/null
    "$govreg" import org "$walk/org.csv" --tenant xinqu >/dev/null
    "$govreg" import units "$walk/units.csv" --tenant xinqu >/dev/null
    for list in demands resources; do
        "$govreg" import "$list" "resaved/$list-en.xlsx" --tenant xinqu >/dev/null
        "$govreg" export "$list" --tenant xinqu --out "$list-xinqu.csv" >/dev/null
        cmp "$list-en.csv" "$list-xinqu.csv" || { echo "$list: the empty district's export differs" >&2; diff "$list-en.csv" "$list-xinqu.csv" >&2; return 1; }
        echo "round trip: $list: the re-saved workbook loads an empty district with the same list"
    done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    govreg="${1:-}"
    if [ -z "$govreg" ]; then
        (cd "$repo" && swift build --product govreg >/dev/null)
        govreg="$(cd "$repo" && swift build --show-bin-path)/govreg"
    fi
    round_trip_tools
    export_round_trip "$govreg" "$repo"
fi
