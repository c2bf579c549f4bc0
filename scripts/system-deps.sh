#!/usr/bin/env bash
# Installs the Debian packages the project needs, where this process may.
#   libharfbuzz-subset0     fast, deterministic font subsetting in WeasyPrint
#   poppler-utils           pdftotext / pdftoppm, used by the tests
# With the argument "test" (make test), also:
#   libreoffice-calc-nogui  headless LibreOffice, for the template round-trip tests only
#                           (about 270 MB and 40 s to install; those tests are skipped
#                           without it)
#   chromium, chromium-driver
#                           headless Chromium and its WebDriver, for the browser tests of
#                           the HTML version (tests/test_browser.py; skipped without them)
#   npm                     only where no npm command exists
# and then axe-core, pinned in tests/browser/package-lock.json, from npm into
# tests/browser/node_modules (npm ci; skipped when the pinned version is already there).
# Without root or apt-get it says what to install and carries on.
set -u
cd "$(dirname "$0")/.." || exit 0
wanted=(libharfbuzz-subset0 poppler-utils)
[ "${1:-}" = "test" ] && wanted=(libreoffice-calc-nogui chromium chromium-driver)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ "${1:-}" = "test" ] && ! command -v npm >/dev/null 2>&1 && missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installerar systempaket: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null \
      || echo "VARNING: kunde inte installera ${missing[*]} – fortsätter utan (långsammare teckensnittshantering, vissa tester hoppas över)."
  else
    echo "OBS: installera gärna systempaketen: sudo apt-get install ${missing[*]}"
    echo "     Rapporten byggs ändå, men långsammare, och vissa tester hoppas över."
  fi
fi
[ "${1:-}" = "test" ] || exit 0

# axe-core for the browser tests: the exact version in tests/browser/package.json.
browser=tests/browser
pinned=$(sed -n 's/.*"axe-core": *"\([^"]*\)".*/\1/p' "$browser/package.json" | head -n 1)
installed=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$browser/node_modules/axe-core/package.json" 2>/dev/null | head -n 1)
if [ -n "$pinned" ] && [ "$installed" = "$pinned" ] && [ -f "$browser/node_modules/axe-core/axe.min.js" ]; then
  exit 0
fi
if command -v npm >/dev/null 2>&1; then
  echo "Installerar axe-core $pinned från npm i $browser/node_modules"
  npm ci --prefix "$browser" --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null \
    || echo "VARNING: kunde inte installera axe-core – webbläsartesterna hoppas över."
else
  echo "OBS: installera npm (sudo apt-get install npm) och kör make test-deps igen;"
  echo "     utan axe-core hoppas webbläsartesterna över."
fi
exit 0
