"""A DOCX export rendered by LibreOffice (Debian's libreoffice-writer-nogui) to a page image, and the
page measured: the title is centred and larger, a wrapped ○ line continues under its text (a
hanging indent, not under the marker), the table is drawn with borders, and the 바탕 request
reaches a serif face. LibreOffice 7.4 cannot open HWPX, so the HWPX writer is checked structurally
(test_export_writers); both writers take their layout from the same ``layout`` module.

The machine has no 바탕 (a Windows font); a private fontconfig file maps Batang/바탕 to NanumMyeongjo
(fonts-nanum), the 명조 face Debian ships. No tool is optional: a missing soffice fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from biseo.adapters.export.writers import write_document
from biseo.domain.drafting.report import OfficialDocument, Paragraph, Role, Table

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DPI = 60
LONG = "보행자 안전을 위해 어린이보호구역 내 노상주차장을 폐지하고 무인 단속 장비를 추가로 설치하는 방안 검토 필요"
DOCUMENT = OfficialDocument(
    "어린이보호구역 주정차 대책",
    [
        Paragraph("2026. 4. 6.  교통과", Role.DATELINE),
        "□ 검토 배경",
        f" ○ {LONG}",
        f"   - {LONG}",
        Table(
            (
                ("담당 부서", "책임자", "담당자", "연락처"),
                ("교통과", "과장 (성명)", "주무관 (성명)", "(전화번호)"),
            )
        ),
    ],
)
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>Batang</family><prefer><family>NanumMyeongjo</family></prefer></alias>
  <alias binding="same"><family>바탕</family><prefer><family>NanumMyeongjo</family></prefer></alias>
</fontconfig>
"""


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: run scripts/install.sh --dev (libreoffice-writer-nogui, poppler-utils)"
    return path


def _render(tmp_path: Path) -> tuple[np.ndarray, str]:
    source = tmp_path / "report.docx"
    source.write_bytes(write_document(DOCUMENT, "docx"))
    (tmp_path / "fonts.conf").write_text(FONTS_CONF, encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"), "HOME": str(tmp_path)}
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    convert = [_tool("soffice"), profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run([*convert, str(source)], env=env, check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "report.pdf"
    fonts = subprocess.run([_tool("pdffonts"), str(pdf)], check=True, capture_output=True, text=True).stdout
    raster = [_tool("pdftoppm"), "-r", str(DPI), "-gray", "-singlefile", str(pdf), str(tmp_path / "page")]
    subprocess.run(raster, check=True, capture_output=True, timeout=60)
    subprocess.run(
        [*raster[:3], "-png", *raster[4:]], check=True, capture_output=True, timeout=60
    )  # to look at
    return _pgm(tmp_path / "page.pgm"), fonts


def _pgm(path: Path) -> np.ndarray:
    """A binary PGM (P5: 'P5 width height maxval' then one byte a pixel) as an array."""
    data = path.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header, data[:20]
    width, height = int(header[1]), int(header[2])
    return np.frombuffer(data, np.uint8, width * height, header.end()).reshape(height, width)


def _bands(ink: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Text lines and rules as (top, bottom, left, right) of each run of rows that hold ink."""
    rows = ink.any(axis=1)
    bands, top = [], None
    for y, filled in enumerate([*rows, False]):
        if filled and top is None:
            top = y
        elif not filled and top is not None:
            columns = np.flatnonzero(ink[top:y].any(axis=0))
            bands.append((top, y, int(columns[0]), int(columns[-1])))
            top = None
    return bands


def test_rendered_docx_page_looks_like_a_report(tmp_path):
    page, fonts = _render(tmp_path)
    height, width = page.shape
    assert abs(height / width - 297 / 210) < 0.01  # A4
    assert "NanumMyeongjo" in fonts and "Gothic" not in fonts  # 바탕 reached a 명조 face
    ink = page < 128
    em = 15 / 72 * DPI  # body size in pixels
    margin = 30 / 25.4 * DPI
    title, dateline, heading, point, point_wrap, *rest = _bands(ink)
    assert abs(title[2] - (width - title[3])) < em  # centred
    assert (title[1] - title[0]) > 1.2 * (point[1] - point[0])  # 20 pt against 15 pt
    assert title[2] > margin + 2 * em and dateline[3] > width - margin - em  # dateline flush right
    assert abs(heading[2] - margin) < em / 2  # □ at the margin
    assert em / 2 < point[2] - heading[2] < 1.5 * em  # ○ one character in
    assert point_wrap[2] - point[2] > em  # the wrapped line starts under the text, not the marker
    detail = rest[0]
    assert detail[2] > point[2] + em / 2  # - deeper than ○
    rules = [y for y in range(height) if ink[y].sum() > 0.6 * (width - 2 * margin)]
    assert len(_runs(rules)) >= 3  # top, middle and bottom borders of the 2-row table
    assert (tmp_path / "page.png").stat().st_size > 0


def _runs(values: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    return runs
