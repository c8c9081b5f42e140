#!/usr/bin/python3
# Builds test/fixtures/libreoffice/seed-chart.xlsx and seed-chart.xlsm: the seed as LibreOffice (Debian, headless)
# saves it, with a chart on 支出总表 and that table's 合计 row blanked, so the fill has cells to write into a
# package holding parts ExcelJS would drop (chart, drawing). Needs soffice and Debian's python3-uno:
#   /usr/bin/python3 scripts/libreoffice-chart-fixture.py
import os
import subprocess
import sys
import tempfile
import time

sys.path.append("/usr/lib/libreoffice/program")
import uno  # noqa: E402
from com.sun.star.awt import Rectangle  # noqa: E402
from com.sun.star.beans import PropertyValue  # noqa: E402
from com.sun.star.table import CellRangeAddress  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "test", "fixtures", "libreoffice")


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    tmp = tempfile.mkdtemp()
    port = 2300 + os.getpid() % 500
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--invisible", f"-env:UserInstallation=file://{tmp}/profile",
         f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
        for _ in range(60):
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("soffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        src = uno.systemPathToFileUrl(os.path.join(ROOT, "test", "fixtures", "seed.xlsx"))
        doc = desktop.loadComponentFromURL(src, "_blank", 0, (prop("Hidden", True),))
        sheets = doc.Sheets
        sheet = sheets.getByName("支出总表")
        index = [sheets.ElementNames[i] for i in range(sheets.Count)].index("支出总表")
        # The 合计 row's amounts blank: the fill computes them again.
        for a in ("D6", "E6", "F6"):
            sheet.getCellRangeByName(a).setString("")
        rect = Rectangle()
        rect.X, rect.Y, rect.Width, rect.Height = 1000, 12000, 12000, 7000
        rng = CellRangeAddress()
        rng.Sheet, rng.StartColumn, rng.StartRow, rng.EndColumn, rng.EndRow = index, 2, 6, 5, 12
        sheet.Charts.addNewByName("支出图", rect, (rng,), True, True)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.join(OUT, "seed-chart.xlsx")), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.join(OUT, "seed-chart.xlsm")), (prop("FilterName", "Calc MS Excel 2007 VBA XML"),))
        doc.close(True)
    finally:
        office.terminate()
        office.wait()


if __name__ == "__main__":
    main()
