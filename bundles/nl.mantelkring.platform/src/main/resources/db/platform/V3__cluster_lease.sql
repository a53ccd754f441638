-- Cluster-wide leases (nl.mantelkring.platform.api.cluster.Leases): at most one holder per name at a time, on any
-- node. A released or expired lease keeps its row, so the fencing token keeps growing with every acquisition.
create table cluster_lease (
    name         varchar(200) not null primary key,
    holder       varchar(200) not null,
    token        bigint       not null,
    acquired_at  timestamp with time zone not null,
    expires_at   timestamp with time zone not null
);
