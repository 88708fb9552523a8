#!/usr/bin/env bash
# Every test of the project, in one command (`npm test`): type checks, unit tests (Vitest), the differential
# test against real QEMU 7.2 and 11.1, and the end-to-end tests in Debian's Chromium. Installs the host tools
# they need when missing. Ends with one summary line `N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

logdir=$(mktemp -d /tmp/mmd-test.XXXXXX)
passed=0
failed=0
status=0

stage() {
	local name=$1
	shift
	echo
	echo "=== $name: $*"
	"$@" 2>&1 | tee "$logdir/$name.log"
	local rc=${PIPESTATUS[0]}
	if [ "$rc" -ne 0 ]; then
		echo "=== $name FAILED (exit $rc)"
		status=1
	fi
	return 0
}

count() {
	# add the passed/failed figures a stage printed to the totals
	local log=$1 p f
	p=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -Eo "$2" | grep -Eo '[0-9]+' | tail -n 1)
	f=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -Eo "$3" | grep -Eo '[0-9]+' | tail -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
}

stage tools bash .ci/ensure-tools.sh
stage typecheck npm run --silent typecheck
stage unit npx vitest run
count "$logdir/unit.log" 'Tests +[0-9]+ passed' '[0-9]+ failed'
stage qemu npm run --silent test:qemu
count "$logdir/qemu.log" '^[0-9]+ passed' '[0-9]+ failed$'
stage e2e npm run --silent test:e2e
count "$logdir/e2e.log" '^ +[0-9]+ passed' '^ +[0-9]+ failed'

[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo
echo "logs: $logdir"
echo "$passed passed, $failed failed"
exit "$status"
