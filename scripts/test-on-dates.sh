#!/usr/bin/env bash
# Runs the whole test suite under libfaketime on awkward dates, to prove that no code path and no test depends on
# the day it runs: each run's processes (Jest, its workers, PostgreSQL, the services, Chromium) see the faked clock,
# which starts at the given instant and then moves in real time.
#
#   scripts/test-on-dates.sh              every date below
#   scripts/test-on-dates.sh leap dst     the named ones (.ci/run runs two, always the same two)
#
# Builds once on the real clock first (build outputs do not depend on the date; tsc and Vite compare file times).
set -euo pipefail
cd "$(dirname "$0")/.."

# name | TZ | start of the faked clock, in that time zone | why it is awkward
DATES=(
  "first|UTC|2027-04-01 00:02:00|the first minutes of a month: month-to-date spend is nearly nothing"
  "fifteenth|UTC|2027-04-15 12:00:00|mid-month"
  "last|UTC|2027-04-30 23:57:00|the last minutes of a month: the run crosses into the next one"
  "new-year|UTC|2027-12-31 23:57:00|31 December: the run crosses into 1 January of the next year"
  "leap|UTC|2028-02-29 12:00:00|29 February of a leap year"
  "dst|America/New_York|2027-03-14 01:57:00|the night US clocks spring forward (01:59:59 EST → 03:00 EDT), in a local time zone"
)

libfaketime=$(find /usr/lib -name 'libfaketime.so.1' -path '*faketime*' 2>/dev/null | head -1)
if [ -z "$libfaketime" ]; then
  echo "libfaketime is not installed: apt-get install faketime (Debian)" >&2
  exit 2
fi

wanted=("$@")
selected=()
for entry in "${DATES[@]}"; do
  name=${entry%%|*}
  if [ ${#wanted[@]} -eq 0 ] || printf '%s\n' "${wanted[@]}" | grep -qx "$name"; then selected+=("$entry"); fi
done
if [ ${#selected[@]} -eq 0 ]; then
  echo "no such date; known: $(printf '%s\n' "${DATES[@]}" | cut -d'|' -f1 | tr '\n' ' ')" >&2
  exit 2
fi

npm run --silent build
failed=()
for entry in "${selected[@]}"; do
  IFS='|' read -r name tz start why <<<"$entry"
  echo "== $name: $start ($tz) — $why"
  # FAKETIME's "@" form starts the clock at that instant and lets it run; DONT_FAKE_MONOTONIC keeps timers and
  # timeouts on real elapsed time, as they are on any machine.
  if ! TZ="$tz" LD_PRELOAD="$libfaketime" FAKETIME="@$start" FAKETIME_DONT_FAKE_MONOTONIC=1 \
    node_modules/.bin/jest --ci; then
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "the suite failed on: ${failed[*]}" >&2
  exit 1
fi
echo "the suite passed on: $(printf '%s\n' "${selected[@]}" | cut -d'|' -f1 | tr '\n' ' ')"
