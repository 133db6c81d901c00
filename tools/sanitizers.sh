#!/usr/bin/env bash
# Runs the whole test suite under each named sanitizer (default: thread), each in its own
# build directory under .build/, and fails on the first report.
#
#     tools/sanitizers.sh [thread] [address]
#
# ThreadSanitizer exits non-zero when it reported a race; AddressSanitizer stops at its first
# error. Findings are fixed in the code, never suppressed.
set -euo pipefail
cd "$(dirname "$0")/.."
SANITIZERS=("$@")
[ ${#SANITIZERS[@]} -gt 0 ] || SANITIZERS=(thread)
for sanitizer in "${SANITIZERS[@]}"; do
    echo "== swift test --sanitize=$sanitizer"
    start=$(date +%s)
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ASAN_OPTIONS="detect_leaks=0" \
        swift test --sanitize="$sanitizer" --scratch-path ".build/sanitize-$sanitizer"
    echo "== $sanitizer: clean ($(($(date +%s) - start)) s with the build)"
done
