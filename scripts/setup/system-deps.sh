#!/usr/bin/env bash
# The system tools the tests read real output with: Debian's chromium (browser tests), poppler-utils
# (pdftotext, pdffonts, pdftoppm for the PDF tests), LibreOffice Writer and unzip (the .docx of the
# work summary is converted to PDF and read back), LibreOffice Calc (a workbook saved again by Calc
# gives the streaming .xlsx reader real shared strings to read); and fonts-lxgw-wenkai, the 楷体 face the work
# summary embeds for （一） items (without it the serif stands in); Debian's python3-openpyxl, a real
# office writer that fills the upload templates in their round-trip test. Installs them with apt-get when
# they are missing and we may; otherwise says exactly what to install.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
[ -f /usr/lib/libreoffice/program/libsclo.so ] || missing+=(libreoffice-calc-nogui)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
[ -f /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf ] || missing+=(fonts-lxgw-wenkai)
{ [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; } || missing+=(python3-openpyxl)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} (apt-get) …"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "The tests need: ${missing[*]}. Install them, e.g.: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
