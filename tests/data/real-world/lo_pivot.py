"""Add a pivot table (DataPilot) to a workbook with LibreOffice, then save it as .xlsx and .ods.

Run with the system Python that has LibreOffice's `uno` module:
    /usr/bin/python3 lo_pivot.py IN.xlsx SOURCE_SHEET PIVOT_SHEET OUT_BASENAME
"""
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress, CellRangeAddress


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(src, source_sheet, pivot_sheet, out_base):
    profile = tempfile.mkdtemp()
    pipe = f"debrief{os.getpid()}"
    proc = subprocess.Popen(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                             f"--accept=pipe,name={pipe};urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(60):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
        sheets = doc.Sheets
        data = sheets.getByName(source_sheet)
        cursor = data.createCursor()
        cursor.gotoEndOfUsedArea(False)
        last_col, last_row = cursor.RangeAddress.EndColumn, cursor.RangeAddress.EndRow
        if not sheets.hasByName(pivot_sheet):
            sheets.insertNewByName(pivot_sheet, sheets.Count)
        target = sheets.getByName(pivot_sheet)
        tables = target.getDataPilotTables()
        desc = tables.createDataPilotDescriptor()
        rng = CellRangeAddress()
        rng.Sheet = sheets.getElementNames().index(source_sheet)
        rng.StartColumn, rng.StartRow, rng.EndColumn, rng.EndRow = 0, 0, last_col, last_row
        desc.setSourceRange(rng)
        fields = desc.getDataPilotFields()
        from com.sun.star.sheet.DataPilotFieldOrientation import ROW, DATA
        from com.sun.star.sheet.GeneralFunction import AVERAGE
        fields.getByIndex(0).Orientation = ROW  # first column (candidate)
        f = fields.getByIndex(2)  # first criterion
        f.Orientation = DATA
        f.Function = AVERAGE
        addr = CellAddress()
        addr.Sheet = sheets.getElementNames().index(pivot_sheet)
        addr.Column, addr.Row = 0, 0
        tables.insertNewByName("Pivot1", addr, desc)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out_base + ".xlsx")), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out_base + ".ods")), (prop("FilterName", "calc8"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])
