#!/usr/bin/env python3
"""Reads an .xlsx with openpyxl (an independent reader, not libxlsxwriter) and prints JSON:
every sheet's cells (value, type, number format), every chart's series ranges and the print setup.

Usage: read_workbook.py FILE.xlsx
Needs: python3 -m pip install openpyxl (Tools/setup.sh installs it).
"""
import json
import sys

import openpyxl


def chart_info(chart):
    series = []
    for s in chart.series:
        cat = None
        if s.cat is not None:
            ref = s.cat.strRef or s.cat.numRef
            cat = ref.f if ref is not None else None
        val = s.val.numRef.f if s.val is not None and s.val.numRef is not None else None
        colours = []
        for point in s.dPt or []:
            fill = point.spPr.solidFill if point.spPr is not None else None
            rgb = fill.srgbClr if fill is not None else None
            colours.append(rgb if isinstance(rgb, str) or rgb is None else rgb.val)
        name = None
        if s.tx is not None:
            name = s.tx.v if s.tx.v is not None else (s.tx.strRef.f if s.tx.strRef is not None else None)
        series.append({"categories": cat, "values": val, "pointColours": colours, "name": name})
    title = None
    if chart.title is not None and chart.title.tx is not None and chart.title.tx.rich is not None:
        title = "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))
    anchor = chart.anchor._from
    # barDir: "bar" for horizontal bars, "col" for columns; None for other chart types.
    return {"type": chart.tagname, "direction": getattr(chart, "barDir", None), "title": title, "series": series,
            "row": anchor.row, "column": anchor.col}


def print_setup(ws):
    # fitToWidth and fitToHeight default to 1 in the file format (ECMA-376 Part 1, 18.3.1.64), so an
    # absent attribute means 1; 0 means "as many pages as needed".
    properties = ws.sheet_properties.pageSetUpPr
    setup = ws.page_setup
    return {"fitToPage": bool(properties is not None and properties.fitToPage),
            "fitToWidth": 1 if setup.fitToWidth is None else int(setup.fitToWidth),
            "fitToHeight": 1 if setup.fitToHeight is None else int(setup.fitToHeight),
            "paperSize": None if setup.paperSize is None else int(setup.paperSize)}


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": [], "properties": {"title": wb.properties.title, "created": wb.properties.created.isoformat() if wb.properties.created else None,
                                        "keywords": wb.properties.keywords}}
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                value = cell.value
                kind = cell.data_type  # n number, s string, f formula, b boolean
                if cell.hyperlink is not None:
                    link = cell.hyperlink.location or cell.hyperlink.target
                else:
                    link = None
                cells.append({"row": cell.row - 1, "column": cell.column - 1, "value": value, "type": kind,
                              "format": cell.number_format, "link": link,
                              "fontColour": cell.font.color.rgb if cell.font and cell.font.color is not None and isinstance(cell.font.color.rgb, str) else None})
        out["sheets"].append({"name": ws.title, "cells": cells, "charts": [chart_info(c) for c in ws._charts],
                              "freeze": ws.freeze_panes, "landscape": ws.page_setup.orientation == "landscape",
                              "header": ws.oddHeader.left.text if ws.oddHeader is not None and ws.oddHeader.left is not None else None,
                              "print": print_setup(ws)})
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
