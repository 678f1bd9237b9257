#!/usr/bin/env python3
"""Writes the workbooks the reader is tested on, with openpyxl and then LibreOffice: never with
govreg's own writer, so the tests read what other programs write.

    python3 scripts/lib/make_workbooks.py OUT_DIR                              # the fixtures, openpyxl and LibreOffice
    python3 scripts/lib/make_workbooks.py --from-csv DEMANDS.csv OUT.xlsx [ROWS]  # a demand CSV's rows as a workbook

openpyxl writes inline strings (t="inlineStr") and formulas without cached values;
`soffice --headless --convert-to xlsx` re-saves each as LibreOffice does: shared strings, and
formulas with their cached values. Needs openpyxl 3.1.5 (pip) and soffice
(apt-get install libreoffice-calc-nogui).
"""
import csv
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904

# The demand file's columns, as docs/csv-columns.md names them in Chinese.
DEMAND_HEADER = ["需求编号", "需求名称", "类别", "所在组织编码", "数量", "计量单位", "期限"]


def demands(path):
    """Title row merged over the sheet, Chinese header, dates, a number stored as text, a
    rich-text cell, styled empty rows and columns after the data, a second sheet 资源."""
    wb = Workbook()
    ws = wb.active
    ws.title = "需求"
    ws["A1"] = "2024年第一季度需求清单"
    ws.merge_cells("A1:G1")
    ws.append(DEMAND_HEADER)
    ws.append(["D-001", "修缮楼道灯", "设施维修", "110101001001", 12, "盏", datetime.date(2024, 3, 5)])
    ws.append(["00123", CellRichText([TextBlock(InlineFont(b=True), "老年"), "助餐"]), "为老服务", "110101001001", 2.5, "次",
               datetime.datetime(2024, 12, 31, 14, 30)])
    ws.append(["D-003", "  清理小广告 ", "环境整治", "110101001001", 0.1, "处", None])
    # Formatting left on empty cells below and to the right: rows and columns to ignore.
    grey = PatternFill("solid", fgColor="DDDDDD")
    for row in range(6, 12):
        for column in range(1, 10):
            ws.cell(row=row, column=column).fill = grey
    ws.cell(row=3, column=9).fill = grey
    other = wb.create_sheet("资源")
    other.append(["资源编号", "资源名称"])
    other.append(["R-1", "活动室"])
    wb.save(path)


def dates1904(path):
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Dates"
    ws.append(["名称", "日期"])
    ws.append(["a", datetime.date(2024, 3, 5)])
    ws.append(["b", datetime.date(1904, 1, 2)])
    wb.save(path)


def dates1900(path):
    """Serials around Excel's invented 1900-02-29 (serial 60), written as plain numbers with
    a date format, and a custom Chinese date format."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Dates"
    ws.append(["名称", "日期"])
    for name, serial in [("jan1", 1), ("feb28", 59), ("feb29", 60), ("mar1", 61), ("d2024", 45356)]:
        ws.append([name, serial])
        ws.cell(row=ws.max_row, column=2).number_format = "yyyy-mm-dd"
    ws.append(["custom", 45356])
    ws.cell(row=ws.max_row, column=2).number_format = 'yyyy"年"m"月"d"日"'
    ws.append(["notdate", 45356])
    ws.cell(row=ws.max_row, column=2).number_format = '"d"0.00'
    wb.save(path)


def merged_header(path):
    """A header two rows deep: 编号 merged down A1:A2, a group 基本信息 over B1:C1 with
    名称 and 类别 under it; and 备注 merged across D2:E2 with a value under E."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "编号"
    ws.merge_cells("A1:A2")
    ws["B1"] = "基本信息"
    ws.merge_cells("B1:C1")
    ws["B2"] = "名称"
    ws["C2"] = "类别"
    ws["D2"] = "备注"
    ws.merge_cells("D2:E2")
    ws.append(["1", "甲", "乙", "x", None])
    ws.append(["2", "丙", "丁", None, "stray"])
    wb.save(path)


def multiline(path):
    """A cell with a line break above the row a problem is in, and a formula-like text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["名称", "类别"])
    ws.append(["第一行\n第二行", "=不是公式"])
    ws.append(["b", "'c"])
    ws["A2"].data_type = "s"
    ws["B2"].data_type = "s"
    wb.save(path)


def formulas(path):
    """Formulas (LibreOffice computes their cached values), an error value, booleans."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Calc"
    ws.append(["名称", "数量", "合计", "标记"])
    ws.append(["a", 2, "=B2*3", True])
    ws.append(["b", 0, "=1/B3", False])
    ws.append(["c", 5, '="x"&A4', "#N/A"])
    wb.save(path)


def store_demands(path, bad):
    """Demands for the test district (org codes G11, G21; categories housing_repair, 道路交通):
    a title row merged over the sheet, the header on row 2, rows 3–17; with `bad`, row 17's
    类别 (cell C17) names no category, so the import is refused at 需求!C17."""
    wb = Workbook()
    ws = wb.active
    ws.title = "需求"
    header = ["需求编号", "需求名称", "类别", "所在组织编码", "数量", "计量单位", "完成时限"]
    ws["A1"] = "需求清单"
    ws.merge_cells("A1:G1")
    ws.append(header)
    for i in range(3, 18):
        category = "不存在的类别" if bad and i == 17 else ("housing_repair" if i % 2 else "道路交通")
        ws.append([f"X{i:03d}", f"需求 {i}", category, "G11" if i % 2 else "G21", i, "job", datetime.date(2030, 6, 30)])
    wb.create_sheet("说明").append(["这张表说明如何填写"])
    wb.save(path)


def from_csv(path_csv, path_xlsx, rows):
    """The first `rows` rows of a demand CSV file (scripts/lib/bench_data.py's) as a workbook
    written as Excel would store them, streamed (write-only): amounts and counts as numbers,
    dates as date cells, the rest as strings."""
    numbers = {"quantity", "priority", "beneficiaries"}
    dates = {"due_on", "filed_on", "published_on"}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("需求")
    with open(path_csv, newline="", encoding="utf-8") as source:
        reader = csv.reader(source)
        header = next(reader)
        ws.append(header)
        for count, row in enumerate(reader):
            if count == rows:
                break
            cells = []
            for name, text in zip(header, row):
                if text and name in numbers:
                    cells.append(float(text) if "." in text else int(text))
                elif text and name in dates:
                    cells.append(datetime.date.fromisoformat(text))
                else:
                    cells.append(text or None)
            ws.append(cells)
    wb.save(path_xlsx)


def libreoffice_copy(source, target):
    """Re-saves `source` as LibreOffice does (shared strings, cached formula values)."""
    with tempfile.TemporaryDirectory() as work:
        profile = "file://" + os.path.join(work, "profile")
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--outdir", os.path.join(work, "out"), source], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.move(os.path.join(work, "out", os.path.basename(source)), target)


def main():
    if sys.argv[1] == "--from-csv":
        from_csv(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else -1)
        return
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, make in [("store-demands", lambda path: store_demands(path, False)), ("store-demands-bad", lambda path: store_demands(path, True)),
                       ("demands", demands), ("dates1904", dates1904), ("dates1900", dates1900),
                       ("merged-header", merged_header), ("multiline", multiline), ("formulas", formulas)]:
        path = os.path.join(out, f"{name}-openpyxl.xlsx")
        make(path)
        libreoffice_copy(path, os.path.join(out, f"{name}-libreoffice.xlsx"))


if __name__ == "__main__":
    main()
