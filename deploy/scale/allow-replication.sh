#!/bin/bash
# Runs once, when the primary's data folder is created: lets the replica connect for streaming replication.
set -euo pipefail
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "${PGDATA}/pg_hba.conf"
