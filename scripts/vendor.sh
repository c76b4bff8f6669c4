#!/usr/bin/env bash
# Refreshes vendored front-end files from the npm registry (see src/ripple/core/static/vendor/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=src/ripple/core/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch() {  # package@version, path inside the tarball, target file name[, target folder]
  local to="${4:-$dest}"
  (cd "$work" && npm pack --silent "$1" >/dev/null && tar xzf ./*.tgz && cp "package/$2" "$OLDPWD/$to/$3" && rm -rf package ./*.tgz)
  echo "vendored $1 -> $to/$3"
}
fetch htmx.org@2.0.11 dist/htmx.min.js htmx.min.js
fetch chart.js@4.6.1 dist/chart.umd.min.js chart.umd.min.js
fetch cytoscape@3.35.0 dist/cytoscape.min.js cytoscape.min.js
# Only the browser tests inject axe-core (tests/e2e/vendor/README.md); it is never served by the app.
fetch axe-core@4.14.1 axe.min.js axe.min.js tests/e2e/vendor
fetch axe-core@4.14.1 LICENSE axe-core.LICENSE tests/e2e/vendor
