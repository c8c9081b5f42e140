#!/usr/bin/env bash
# Renders a .docx to PDF and PNG pages so a person can look at it:
#   scripts/render-docx.sh [file.docx] [out-dir]     (default: exports the seed fixture to out/seed.docx first)
# Installs LibreOffice Writer, poppler-utils and CJK fonts with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCX="${1:-}"
OUT="${2:-out}"
mkdir -p "$OUT"

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer)
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

name="$(basename "$DOCX" .docx)"
# A private LibreOffice profile: no clash with a running instance, no first-start dialogs.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# The 公文 faces are Windows fonts; draw them with the Noto CJK faces they resemble (黑体 → sans, 仿宋/宋体 → serif,
# 方正小标宋 → bold serif) instead of one fallback face for all, so headings look like headings.
cat > "$profile/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <match target="pattern">
    <test name="family"><string>方正小标宋简体</string></test>
    <edit name="family" mode="assign" binding="same"><string>Noto Serif CJK SC</string></edit>
    <edit name="weight" mode="assign"><const>bold</const></edit>
  </match>
</fontconfig>
XML
FONTCONFIG_FILE="$profile/fonts.conf" soffice -env:UserInstallation="file://$profile/lo" --headless --convert-to pdf --outdir "$OUT" "$DOCX" >/dev/null 2>&1
rm -f "$OUT/$name"-page-*.png
pdftoppm -r 80 -png "$OUT/$name.pdf" "$OUT/$name-page"
pages=$(ls "$OUT/$name"-page-*.png | wc -l)
echo "$OUT/$name.pdf：共 $pages 页；PNG：$OUT/$name-page-*.png"
# The 目录's page numbers were estimated while writing: show whether this rendering agrees.
npx tsx scripts/toc-pages.ts "$OUT/$name.pdf" || true
