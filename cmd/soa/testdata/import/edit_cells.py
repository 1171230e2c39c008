# Edits cells of a workbook with LibreOffice, as a control owner would, and saves it as XLSX.
# Used by the soa import --edits round-trip test; needs python3-uno (Debian: python3-uno).
#
#   python3 edit_cells.py IN.xlsx OUT.xlsx PROFILE_DIR 'Sheet!H5=Partial' 'Sheet!L7=date:2027-01-31' ...
#
# A value "date:YYYY-MM-DD" is typed into the cell, so LibreOffice stores a date; any other
# value is set as text. A line break in the text ("\n") is kept.
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    src, dst, profile = sys.argv[1:4]
    pipe = "soa_edit_%d" % os.getpid()
    office = subprocess.Popen([
        "soffice", "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
        "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
        "--accept=pipe,name=%s;urp;" % pipe,
    ])
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(240):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.25)
    if ctx is None:
        office.kill()
        sys.exit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
    for edit in sys.argv[4:]:
        ref, value = edit.split("=", 1)
        sheet, addr = ref.rsplit("!", 1)
        cell = doc.Sheets.getByName(sheet).getCellRangeByName(addr)
        if value.startswith("date:"):
            cell.setFormula(value[len("date:"):])
        else:
            cell.setString(value)
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass  # the connection drops as LibreOffice quits
    office.wait(timeout=60)


main()
