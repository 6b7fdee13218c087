#!/bin/sh
# Starts the machine's PostgreSQL 15 cluster if it is stopped, creates the
# planebench role and database if they are missing, and prints the URL.
# Idempotent: safe to run again. Usage: eval "export PLANEBENCH_PG_URL=$(test-scripts/orchestrator/setup-postgres.sh)"
set -eu
VERSION=${PG_VERSION:-15}
CLUSTER=${PG_CLUSTER:-main}
ROLE=${PLANEBENCH_PG_ROLE:-planebench}
PASSWORD=${PLANEBENCH_PG_PASSWORD:-planebench}
DATABASE=${PLANEBENCH_PG_DATABASE:-planebench}
PORT=$(pg_conftool "$VERSION" "$CLUSTER" show port 2>/dev/null | sed 's/.*= *//' || echo 5432)
PORT=${PORT:-5432}

if ! pg_ctlcluster "$VERSION" "$CLUSTER" status >/dev/null 2>&1; then
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

as_postgres() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -tAc \"$1\""; }

if [ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
  as_postgres "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]; then
  as_postgres "CREATE DATABASE $DATABASE OWNER $ROLE" >&2
fi

echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
