"""Real .xlsx files for the import tests, built with openpyxl or crafted byte by byte.

Offices' files are messier than our templates: merged cells, group rows above the header,
formulas, full-width digits. The crafted ones are what an attacker or a broken tool sends:
a zip that expands to hundreds of megabytes, rows claiming thousands of columns.
"""

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

FIXTURES = Path(__file__).parent / "fixtures"


def xlsx(rows, *, merges=(), title="Sheet1", sheets=(), name="台账.xlsx"):
    """An .xlsx whose first sheet holds `rows` (lists of cell values) with `merges` ("A3:A5")."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    for sheet_title, sheet_rows in sheets:
        extra = wb.create_sheet(sheet_title)
        for row in sheet_rows:
            extra.append(row)
    return as_upload(save(wb), name)


def save(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def as_upload(content, name="台账.xlsx"):
    buffer = io.BytesIO(content)
    buffer.name = name
    return buffer


def patch_sheet(content, replace):
    """The same .xlsx with `replace(sheet_xml) -> sheet_xml` applied to the first sheet's XML."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = replace(data.decode()).encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def with_cached_formula(content, coordinate, formula, cached):
    """Put a formula with a cached (calculated) text value into `coordinate`, as Excel saves one."""

    def replace(xml):
        start = xml.index(f'<c r="{coordinate}"')
        end = xml.index("</c>", start) + len("</c>")
        cell = f'<c r="{coordinate}" t="str"><f>{formula}</f><v>{cached}</v></c>'
        return xml[:start] + cell + xml[end:]

    return patch_sheet(content, replace)


def zip_bomb(uncompressed_mb=200):
    """A valid-looking .xlsx of about 0.2 MB whose sheet XML expands to `uncompressed_mb` megabytes."""
    template = Workbook()
    template.active.append(["名称", "业态类别", "登记日期"])
    source = zipfile.ZipFile(io.BytesIO(save(template)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info.filename))
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            chunk = b" " * (1024 * 1024)
            for _ in range(uncompressed_mb):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def wide_rows(header, row, *, rows=1000, width="XFD"):
    """Header and one data row, then `rows` rows each holding one cell far to the right.

    Compressed it is a few dozen kilobytes; read naively (every row padded to the width the
    file claims, 16,384 columns) it takes over a gigabyte.
    """
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    ws.append(row)
    content = save(wb)

    def replace(xml):
        filler = "".join(
            f'<row r="{n}"><c r="{width}{n}" t="inlineStr"><is><t></t></is></c></row>' for n in range(3, rows + 3)
        )
        xml = xml.replace("</sheetData>", filler + "</sheetData>")
        start = xml.index("<dimension")
        end = xml.index("/>", start) + 2
        return xml[:start] + f'<dimension ref="A1:{width}{rows + 2}"/>' + xml[end:]

    return patch_sheet(content, replace)


def encrypted():
    """A real password-protected .xlsx (password “secret”), see fixtures/README.md."""
    return (FIXTURES / "encrypted.xlsx").read_bytes()
