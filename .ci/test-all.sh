#!/usr/bin/env bash
# Every test of the project, in one command (`npm test`): type checks, unit tests (Vitest), the differential
# test against real QEMU 7.2 and 11.1, and the end-to-end tests in Debian's Chromium. Installs the host tools
# they need when missing. Ends with one summary line `N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

logdir=$(mktemp -d /tmp/mmd-test.XXXXXX)
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

stage tools bash .ci/ensure-tools.sh
stage typecheck npm run --silent typecheck
# each runner writes a JSON report; the figures come from those
stage unit npx vitest run --reporter=default --reporter=json --outputFile.json="$logdir/unit.json"
stage qemu npm run --silent test:qemu -- --json "$logdir/qemu.json"
PLAYWRIGHT_JSON_OUTPUT_NAME="$logdir/e2e.json" stage e2e npm run --silent test:e2e
read -r passed failed < <(node .ci/count.mjs "$logdir/unit.json" "$logdir/qemu.json" "$logdir/e2e.json")
passed=${passed:-0}
failed=${failed:-0}

[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo
echo "logs: $logdir"
echo "$passed passed, $failed failed"
exit "$status"
