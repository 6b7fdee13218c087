#!/bin/sh
# The perf-test task: sleeps the given duration in seconds (default 0.1), then exits 0.
# `exec` makes the sleep the task process itself, so killing the task kills the sleep.
exec sleep "${1:-0.1}"
