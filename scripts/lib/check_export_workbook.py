#!/usr/bin/env python3
"""Checks a workbook that `govreg export … --format xlsx` wrote, with openpyxl (PyPI), which no
code of govreg's wrote: the sheet opens, the header is bold and frozen with an autofilter, the
columns have widths, dates are dates, money is a number shown with two decimals, counts are
numbers, and a title that looks like a formula is a string cell, never a formula.

    python3 scripts/lib/check_export_workbook.py FILE.xlsx [--formula-title TEXT]

Exits 1 naming the first failed check. Needs openpyxl 3.1.5 (pip).
"""
import datetime
import sys

from openpyxl import load_workbook

# The English export columns and what each must hold (ExportColumnKind in RegistryImport);
# the Chinese header of `--header zh` names the same columns by position.
DATES = {"due_on", "filed_on", "published_on", "starts_on", "completed_on", "checked_on",
         "available_from", "available_until", "registered_on", "done_on", "reported_on", "valid_from", "valid_to"}
MONEY = {"budget", "unit_cost"}
AMOUNTS = {"quantity", "capacity", "pledged", "remaining"}
COUNTS = {"priority", "beneficiaries", "progress_percent", "percent", "rating", "members"}
CHINESE = {"期限": "due_on", "提出日期": "filed_on", "公示日期": "published_on", "数量": "quantity",
           "优先级": "priority", "受益人数": "beneficiaries", "单价": "unit_cost", "开始日期": "available_from",
           "结束日期": "available_until", "预算": "budget", "需求名称": "title", "资源名称": "title"}


def fail(path, message):
    print(f"check_export_workbook: {path}: {message}", file=sys.stderr)
    sys.exit(1)


def check(path, formula_title=None):
    """Every check on one workbook; returns how many data cells were checked."""
    wb = load_workbook(path)
    ws = wb.active
    if ws.freeze_panes != "A2":
        fail(path, f"the header row is not frozen (freeze_panes {ws.freeze_panes!r})")
    if not ws.auto_filter.ref or not ws.auto_filter.ref.startswith("A1:"):
        fail(path, f"no autofilter on the header ({ws.auto_filter.ref!r})")
    header = [cell.value for cell in ws[1]]
    if not header or any(not isinstance(name, str) for name in header):
        fail(path, f"the header is not all text: {header}")
    if not all(cell.font.b for cell in ws[1]):
        fail(path, "the header is not bold")
    for index in range(1, len(header) + 1):
        letter = ws.cell(row=1, column=index).column_letter
        width = ws.column_dimensions[letter].width
        if not width or not 8 <= width <= 60:
            fail(path, f"column {letter} has no width between 8 and 60 ({width})")
    columns = [CHINESE.get(name, name) for name in header]
    checked = 0
    titles = []
    for row in ws.iter_rows(min_row=2):
        for name, cell in zip(columns, row):
            if cell.value is None:
                continue
            checked += 1
            where = f"{cell.coordinate} ({name})"
            if cell.data_type == "f":
                fail(path, f"{where} is a formula: {cell.value!r}")
            if name in DATES:
                if not cell.is_date or not isinstance(cell.value, datetime.datetime) or cell.number_format != "yyyy-mm-dd":
                    fail(path, f"{where} is not a date shown yyyy-mm-dd: {cell.value!r} {cell.number_format!r}")
            elif name in MONEY or (name in AMOUNTS and cell.number_format != "0"):
                if cell.data_type != "n" or "0.00" not in cell.number_format:
                    fail(path, f"{where} is not money with two decimals: {cell.value!r} {cell.number_format!r}")
            elif name in COUNTS or name in AMOUNTS:
                if cell.data_type != "n" or not isinstance(cell.value, int):
                    fail(path, f"{where} is not a whole number: {cell.value!r}")
            elif cell.data_type != "s":
                fail(path, f"{where} is not text: {cell.value!r} ({cell.data_type})")
            if name == "title":
                titles.append(cell)
    if formula_title is not None:
        matching = [cell for cell in titles if cell.value == formula_title]
        if not matching:
            fail(path, f"no title {formula_title!r}")
        if any(cell.data_type != "s" for cell in matching):
            fail(path, f"the title {formula_title!r} is not a string cell")
    return checked


def main(argv):
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[0]
    formula_title = None
    if len(argv) >= 3 and argv[1] == "--formula-title":
        formula_title = argv[2]
    checked = check(path, formula_title)
    print(f"openpyxl: {path}: header bold and frozen, widths set, {checked} cells typed as their columns")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
