#!/usr/bin/env bash
# Renders a .docx to PDF and PNG pages so a person can look at it, and checks its 目录 against the pages:
#   scripts/render-docx.sh [file.docx] [out-dir]     (default: exports the seed fixture to out/seed.docx first)
# Installs LibreOffice Writer, poppler-utils and CJK fonts with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCX="${1:-}"
OUT="${2:-out}"
mkdir -p "$OUT"

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fc-list :lang=zh 2>/dev/null | grep -qi "noto.*cjk" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "安装：${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -z "$DOCX" ]; then
  DOCX="$OUT/seed.docx"
  npx tsx scripts/export-seed.ts "$DOCX"
fi
# The font mapping (公文 faces → Noto CJK) and the private LibreOffice profile are in src/cli/soffice.ts.
npx tsx scripts/render.ts "$DOCX" "$OUT"
