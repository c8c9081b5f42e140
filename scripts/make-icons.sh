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
