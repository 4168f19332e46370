#!/usr/bin/env bash
# Packs the plugin, installs the tarball into fresh projects (ESLint 10, then ESLint 9, each with
# typescript-eslint and TypeScript), and lints through the `eslint` CLI with the recommended
# config: a bad file must exit 1 with the expected report, a clean file must exit 0. The
# consumer's eslint.config is also type-checked against ESLint's `defineConfig`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "packed $tarball"
tsv=$(node -p "require('./package.json').devDependencies['typescript-eslint']")

for eslint_range in '^10.0.0' '^9.22.0'; do
  project="$work/consumer-eslint-${eslint_range:1:2}"
  mkdir -p "$project"
  cp -r "$root/.ci/consumer/." "$project/"
  cd "$project"
  npm install --no-audit --no-fund --silent "$tarball" "eslint@$eslint_range" "typescript-eslint@$tsv" \
    typescript@~5.9.3 @types/node@^24 >/dev/null
  echo "-- eslint $(npx eslint --version) with typescript-eslint $tsv"

  npx tsc -p tsconfig.json --noEmit
  echo "   eslint.config.ts type-checks against defineConfig"

  set +e
  npx eslint src/bad.ts src/bad.js > out.txt 2>&1
  code=$?
  set -e
  cat out.txt
  if [ "$code" -ne 1 ]; then echo "expected exit code 1 on bad files, got $code"; exit 1; fi
  grep -q "async-guard/no-sync-in-async" out.txt || { echo "expected a no-sync-in-async report"; exit 1; }
  [ "$(grep -c 'async-guard/no-sync-in-async' out.txt)" -ge 2 ] || { echo "expected reports in the typed .ts and the untyped .js file"; exit 1; }

  npx eslint src/good.ts src/good.js
  echo "   clean files: exit 0"
  cd "$root"
done
echo "consumer test passed"
