-- One row per server that runs xastream on these ledgers (each node of a cluster, or the one server),
-- rewritten by that server every two seconds: what any node's dashboard shows of every node
-- (docs/scale-out.md, the cluster view). A server that stops reporting keeps its last row, so its
-- age says since when it has been silent; the row is the server's own state, not the books'.
create table if not exists cluster_node (
    node_id varchar(64) primary key,
    dashboard varchar(255),
    state varchar(32) not null,
    stages varchar(255),
    started_at timestamptz not null,
    reported_at timestamptz not null,
    records_handled bigint not null,
    records_per_second double precision not null,
    in_flight bigint not null,
    in_doubt integer not null
);
