#!/bin/bash
# The replica's start: on first start copy the primary with pg_basebackup (-R makes it start as a streaming standby),
# then run PostgreSQL as the image would. PGPASSWORD comes from the compose file.
set -euo pipefail
data=/var/lib/postgresql/data
if [ ! -s "$data/PG_VERSION" ]; then
  until pg_isready -h postgres -U crmcdp; do sleep 1; done
  chown postgres: "$data"
  gosu postgres pg_basebackup -h postgres -U crmcdp -D "$data" -R -X stream --checkpoint=fast
fi
exec docker-entrypoint.sh postgres -c hot_standby=on
