#!/usr/bin/env bash
# Draws the add-in icons (a blue sheet with a ruled table and a check mark) at the sizes Office asks for.
# Needs ImageMagick (apt-get install -y imagemagick). The PNGs are committed; run this only to change them.
set -euo pipefail
cd "$(dirname "$0")/.."
for s in 16 32 64 80 128; do
  k=$(awk "BEGIN{print $s/64}")
  p() { awk "BEGIN{printf \"%.2f\", $1*$k}"; }
  sw=$(awk "BEGIN{w=4*$k; if (w<1.5) w=1.5; printf \"%.2f\", w}")
  lw=$(awk "BEGIN{w=2*$k; if (w<1) w=1; printf \"%.2f\", w}")
  convert -size "${s}x${s}" xc:none \
    -fill '#0f6cbd' -stroke none -draw "roundrectangle $(p 4),$(p 4) $(p 60),$(p 60) $(p 9),$(p 9)" \
    -fill '#ffffff' -draw "rectangle $(p 13),$(p 14) $(p 51),$(p 50)" \
    -fill '#cfe4fa' -draw "rectangle $(p 13),$(p 14) $(p 51),$(p 22)" \
    -stroke '#0f6cbd' -strokewidth "$lw" \
    -draw "line $(p 13),$(p 31) $(p 51),$(p 31)" -draw "line $(p 13),$(p 40) $(p 51),$(p 40)" \
    -draw "line $(p 27),$(p 14) $(p 27),$(p 50)" \
    -stroke '#107c10' -strokewidth "$sw" -fill none \
    -draw "polyline $(p 30),$(p 37) $(p 38),$(p 45) $(p 55),$(p 26)" \
    "assets/icon-${s}.png"
done
ls -l assets/icon-*.png
# The WPS ribbon's 全面校验 button: a magnifier over a ruled sheet, 32 px (WPS shows large ribbon buttons at 32 px).
s=32
k=$(awk "BEGIN{print $s/64}")
p() { awk "BEGIN{printf \"%.2f\", $1*$k}"; }
convert -size "${s}x${s}" xc:none \
  -fill '#ffffff' -stroke '#0f6cbd' -strokewidth 1.5 -draw "rectangle $(p 6),$(p 6) $(p 46),$(p 54)" \
  -stroke '#0f6cbd' -strokewidth 1 -draw "line $(p 12),$(p 18) $(p 40),$(p 18)" -draw "line $(p 12),$(p 28) $(p 40),$(p 28)" -draw "line $(p 12),$(p 38) $(p 30),$(p 38)" \
  -fill none -stroke '#c42b1c' -strokewidth 3 -draw "circle $(p 42),$(p 40) $(p 52),$(p 40)" \
  -draw "line $(p 49),$(p 48) $(p 59),$(p 59)" \
  "assets/icon-check-32.png"
ls -l assets/icon-check-32.png
