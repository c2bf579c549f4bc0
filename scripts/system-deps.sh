#!/usr/bin/env bash
# Installs the Debian packages the project needs, where this process may.
#   libharfbuzz-subset0     fast, deterministic font subsetting in WeasyPrint
#   poppler-utils           pdftotext / pdftoppm, used by the tests
# With the argument "test" (make test), also:
#   libreoffice-calc-nogui  headless LibreOffice, for the template round-trip tests only
#                           (about 270 MB and 40 s to install; those tests are skipped
#                           without it)
# Without root or apt-get it says what to install and carries on.
set -u
wanted=(libharfbuzz-subset0 poppler-utils)
[ "${1:-}" = "test" ] && wanted=(libreoffice-calc-nogui)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installerar systempaket: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null \
    || echo "VARNING: kunde inte installera ${missing[*]} – fortsätter utan (långsammare teckensnittshantering, vissa tester hoppas över)."
else
  echo "OBS: installera gärna systempaketen: sudo apt-get install ${missing[*]}"
  echo "     Rapporten byggs ändå, men långsammare, och vissa tester hoppas över."
fi
exit 0
