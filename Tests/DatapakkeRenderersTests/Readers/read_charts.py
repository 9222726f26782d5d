#!/usr/bin/env python3
"""Reads the charts of an .xlsx from its XML parts (the Python standard library, not libxlsxwriter)
and prints JSON: per sheet, its charts in the drawing's order with their anchor row, type, title,
axis titles, logarithmic axes and the legend entries left out, and per series its name, the ranges
it reads, the numbers and texts cached in the chart, its marker, line and custom data labels.

openpyxl reads charts too, but not the text of a custom data label; this reader keeps everything a
test needs to check that a chart shows what the sheet shows, and nothing else.

Usage: read_charts.py FILE.xlsx
"""
import json
import posixpath
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
R_ID = "{%s}id" % NS["r"]


def relationships(archive, part):
    """The targets of a part's relationships by id, as paths inside the archive."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return {}
    root = ET.fromstring(archive.read(rels))
    return {rel.get("Id"): posixpath.normpath(posixpath.join(folder, rel.get("Target"))) for rel in root.findall("rel:Relationship", NS)}


def text(element):
    """Every a:t text under an element, joined."""
    if element is None:
        return None
    return "".join(t.text or "" for t in element.iter("{%s}t" % NS["a"]))


def value(element, path):
    found = element.find(path, NS)
    return None if found is None else found.get("val")


def cache(reference):
    """A numRef's or strRef's formula and cached points in index order."""
    if reference is None:
        return None, []
    formula = reference.find("c:f", NS)
    points = sorted(((int(pt.get("idx")), pt.find("c:v", NS).text) for pt in reference.iter("{%s}pt" % NS["c"])))
    return (formula.text if formula is not None else None), [v for _, v in points]


def series_info(ser):
    name = ser.find("c:tx", NS)
    name_text = None
    if name is not None:
        v = name.find("c:v", NS)
        name_text = v.text if v is not None else text(name)
    info = {"name": name_text}
    for key, tag in (("x", "c:xVal"), ("y", "c:yVal"), ("categories", "c:cat"), ("values", "c:val")):
        element = ser.find(tag, NS)
        if element is None:
            continue
        reference = element.find("c:numRef", NS)
        if reference is None:
            reference = element.find("c:strRef", NS)
        formula, points = cache(reference)
        info[key] = formula
        info[key + "Cache"] = points
    line = ser.find("c:spPr/a:ln", NS)
    info["line"] = line is not None and line.find("a:noFill", NS) is None
    info["dash"] = value(ser, "c:spPr/a:ln/a:prstDash")
    info["marker"] = value(ser, "c:marker/c:symbol")
    info["markerSize"] = value(ser, "c:marker/c:size")
    info["smooth"] = value(ser, "c:smooth") == "1"
    labels = []
    for label in ser.findall("c:dLbls/c:dLbl", NS):
        reference = label.find("c:tx/c:strRef", NS)
        labels.append({
            "index": int(value(label, "c:idx")),
            "deleted": value(label, "c:delete") == "1",
            "text": text(label.find("c:tx/c:rich", NS)) if reference is None else (cache(reference)[1] or [None])[0],
            "position": value(label, "c:dLblPos"),
        })
    info["labels"] = labels
    return info


def chart_info(archive, part):
    root = ET.fromstring(archive.read(part))
    chart = root.find("c:chart", NS)
    plot = chart.find("c:plotArea", NS)
    kinds = [child for child in plot if child.tag.endswith("Chart")]
    axes = [child for child in plot if child.tag.endswith("Ax")]
    return {
        "part": part,
        "type": kinds[0].tag.split("}")[1] if kinds else None,
        "title": text(chart.find("c:title", NS)),
        "axisTitles": [text(axis.find("c:title", NS)) for axis in axes],
        "logBases": [value(axis, "c:scaling/c:logBase") for axis in axes],
        "axisBounds": [[value(axis, "c:scaling/c:min"), value(axis, "c:scaling/c:max")] for axis in axes],
        "legendDeleted": [int(value(entry, "c:idx")) for entry in chart.findall("c:legend/c:legendEntry", NS)
                          if value(entry, "c:delete") == "1"],
        "series": [series_info(ser) for kind in kinds for ser in kind.findall("c:ser", NS)],
    }


def main(path):
    archive = zipfile.ZipFile(path)
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    workbook_rels = relationships(archive, "xl/workbook.xml")
    out = {"sheets": []}
    for sheet in workbook.find("m:sheets", NS):
        part = workbook_rels[sheet.get(R_ID)]
        charts = []
        sheet_root = ET.fromstring(archive.read(part))
        sheet_rels = relationships(archive, part)
        for drawing in sheet_root.findall("m:drawing", NS):
            drawing_part = sheet_rels[drawing.get(R_ID)]
            drawing_rels = relationships(archive, drawing_part)
            drawing_root = ET.fromstring(archive.read(drawing_part))
            for anchor in drawing_root:
                reference = anchor.find(".//c:chart", NS)
                if reference is None:
                    continue
                info = chart_info(archive, drawing_rels[reference.get(R_ID)])
                info["row"] = int(anchor.find("xdr:from/xdr:row", NS).text)
                to = anchor.find("xdr:to/xdr:row", NS)
                info["lastRow"] = int(to.text) if to is not None else info["row"]
                charts.append(info)
        out["sheets"].append({"name": sheet.get("name"), "part": part, "charts": charts})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
