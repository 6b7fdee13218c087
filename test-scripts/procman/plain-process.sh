#!/bin/sh
# A plain long-running managed process: sleeps until it is signalled.
#   sh plain-process.sh                 exits on SIGTERM
#   sh plain-process.sh ignore-sigterm  ignores SIGTERM; only SIGKILL ends it
# `exec` keeps the pid, so the manager's pid is the sleeping process itself.
if [ "$1" = "ignore-sigterm" ]; then
  trap '' TERM
fi
exec sleep 2147483647
