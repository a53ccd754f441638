-- Respite catalogue (respijtzorg). Portable SQL (H2 2.x and PostgreSQL).

-- One row per offering, owned by one tenant. The offering itself is a JSON document (the API's shape, validated
-- before it is stored); the columns beside it are what SQL needs to find and scope it. Deleted offerings stay
-- as tombstones (deleted = true, document kept) so that the in-memory search index of every node sees the delete.
create table respite_offering (
    tenant       varchar(6)     not null,
    id           varchar(36)    not null,
    external_id  varchar(100),
    revision     bigint         not null,
    version      integer        not null,
    deleted      boolean        not null,
    document     varchar(200000) not null,
    updated_at   timestamp with time zone not null,
    updated_by   varchar(200)   not null,
    primary key (id)
);
create index respite_offering_tenant on respite_offering (tenant, deleted);
create unique index respite_offering_external on respite_offering (tenant, external_id);
create index respite_offering_revision on respite_offering (revision);

-- Regional sharing: the tenants (besides the owner) that see an offering.
create table respite_share (
    tenant       varchar(6)   not null,
    offering_id  varchar(36)  not null references respite_offering (id),
    primary key (tenant, offering_id)
);

-- A global change counter: every write takes the next revision (row lock = commit order), the search index of
-- each node loads the rows changed since the revision it has.
create table respite_revision (
    id        integer not null primary key,
    revision  bigint  not null
);
insert into respite_revision (id, revision) values (1, 0);

-- The tenant's postcode areas (PC4) with their centroid: the map for distance from a postcode and for the gap
-- analysis. No open PC4 dataset could be obtained from the package registries, so the municipality loads its own.
create table respite_area (
    tenant    varchar(6)   not null,
    postcode  varchar(4)   not null,
    name      varchar(200) not null,
    lat       double precision not null,
    lon       double precision not null,
    primary key (tenant, postcode)
);

-- Offering sources (OfferingSource plugins): which tenants synchronise on a schedule and how the last run went.
create table respite_sync (
    tenant        varchar(6)    not null primary key,
    plugin_id     varchar(100),
    last_run_at   timestamp with time zone,
    last_outcome  varchar(20),
    created       integer not null,
    updated       integer not null,
    unchanged     integer not null,
    rejected      integer not null,
    message       varchar(1000)
);
