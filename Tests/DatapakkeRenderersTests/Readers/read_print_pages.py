#!/usr/bin/env python3
"""Reads an .xlsx with openpyxl and prints JSON: for every sheet with manual page breaks or charts, how
full each printed page is (a share of the page's height) when Excel prints it on A4 with the sheet's margins,
orientation and print scale (or, without one, fitted to one page's width).

The geometry is Excel's: a column w characters wide is w × 7 + 5 pixels (Calibri 11) and stored by
libxlsxwriter as w + 5/7, a pixel is 0.75 point, and fitting to the width scales by a whole percent.
A row without a stored height grows with its largest type, about 1.364 × the font size in points
(15 points for 11 pt). A page runs from one manual break to the next and holds its rows and the
charts anchored in them.

Usage: read_print_pages.py FILE.xlsx
"""
import json
import math
import sys

import openpyxl


def page_height(ws):
    setup = ws.page_margins
    # A dimension may stand for a range of columns (min to max).
    columns = {}
    for dimension in ws.column_dimensions.values():
        for column in range(dimension.min or 1, (dimension.max or dimension.min or 1) + 1):
            columns[column] = dimension
    width_points = 0.0
    for column in range(1, ws.max_column + 1):
        dimension = columns.get(column)
        if dimension is not None and dimension.hidden:
            continue
        width = dimension.width if dimension is not None and dimension.width else 8.43
        width_points += math.floor(width * 7 + 0.5) * 0.75
    paper_width, paper_height = 595.28, 841.89  # A4 portrait, points
    if ws.page_setup.orientation == "landscape":
        paper_width, paper_height = paper_height, paper_width
    printable_width = paper_width - (setup.left + setup.right) * 72
    printable_height = paper_height - (setup.top + setup.bottom) * 72
    fit = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    if ws.page_setup.scale and not fit:
        scale = int(ws.page_setup.scale) / 100
    else:
        scale = min(100, math.floor(printable_width / width_points * 100)) / 100
    return printable_height / scale


def row_height(ws, row):
    dimension = ws.row_dimensions.get(row)
    if dimension is not None and dimension.ht:
        return float(dimension.ht)
    size = 11.0
    for cell in ws[row]:
        if cell.value is not None and cell.font is not None and cell.font.sz:
            size = max(size, float(cell.font.sz))
    return size * 15 / 11


def main(path):
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        breaks = sorted(b.id for b in ws.row_breaks.brk)
        if not breaks and not ws._charts:
            continue
        last = ws.max_row
        for chart in ws._charts:
            anchor = chart.anchor
            end = getattr(anchor, "to", None) or anchor._from
            last = max(last, end.row + 1)
        capacity = page_height(ws)
        pages = []
        for first, end in zip([0] + breaks, breaks + [last]):
            height = sum(row_height(ws, row) for row in range(first + 1, end + 1))
            pages.append({"firstRow": first, "endRow": end, "fullness": height / capacity})
        out.append({"name": ws.title, "pages": pages})
    json.dump({"sheets": out}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
