#!/usr/bin/env bash
# `next build` when there is no build or a source changed since the last one (npm start, npm run bench).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
stamp=.next/BUILD_ID
if [ ! -f "$stamp" ] || [ -n "$(find app components server public next.config.ts package-lock.json -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "patchbay: building…"
  npx next build
fi
