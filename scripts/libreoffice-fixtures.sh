#!/usr/bin/env bash
# Rebuilds test/fixtures/libreoffice/*.xlsx: workbooks as LibreOffice (Debian, headless) saves them, so the
# reader is tested on what LibreOffice writes, not only on what ExcelJS writes. Needs `soffice` on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=test/fixtures/libreoffice
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp test/fixtures/seed.xlsx "$TMP/seed.xlsx"
cp /work/shared/reference/real-disclosures/shanghai-putuo-swfy-2024/workbook.xlsx "$TMP/shanghai-swfy-2024.xlsx" 2>/dev/null || true
cp /work/shared/reference/real-disclosures/shanghai-putuo-wanli-2025/workbook.xlsx "$TMP/shanghai-wanli-2025.xlsx" 2>/dev/null || true
cp "$OUT/mixed.fods" "$TMP/mixed.fods"
for f in "$TMP"/*.xlsx "$TMP"/*.fods; do
  soffice --headless --norestore "-env:UserInstallation=file://$TMP/profile" --convert-to xlsx --outdir "$TMP/out" "$f" >/dev/null 2>&1
done
cp "$TMP"/out/*.xlsx "$OUT/"
ls -la "$OUT"
