-- Platform tables. Portable SQL (H2 2.x and PostgreSQL). Every table holding tenant data has the tenant key.

create table tenant (
    code        varchar(6)   not null primary key,
    name        varchar(200) not null,
    status      varchar(20)  not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);

-- Tenant policy: every save is a new version; nothing is overwritten. policy_year 0 = every year.
create table policy_version (
    tenant        varchar(6)      not null references tenant (code),
    policy_key    varchar(100)    not null,
    policy_year   integer         not null,
    version       integer         not null,
    policy_value  varchar(1000000) not null,
    changed_by    varchar(200)    not null,
    changed_at    timestamp with time zone not null,
    reason        varchar(1000),
    primary key (tenant, policy_key, policy_year, version)
);

-- Audit log: append-only, hash-chained per chain (a tenant's gemeentecode, or 'platform').
create table audit_chain (
    chain      varchar(16) not null primary key,
    last_seq   bigint      not null,
    last_hash  varchar(64) not null
);

create table audit_entry (
    chain           varchar(16)  not null,
    seq             bigint       not null,
    occurred_at     timestamp with time zone not null,
    tenant          varchar(6),
    actor           varchar(200) not null,
    actor_roles     varchar(500),
    activity        varchar(100) not null,
    record_type     varchar(100) not null,
    record_id       varchar(100),
    subject_id      varchar(100),
    purpose         varchar(300),
    personal_data   boolean      not null,
    correlation_id  varchar(64),
    outcome         varchar(50)  not null,
    prev_hash       varchar(64)  not null,
    hash            varchar(64)  not null,
    primary key (chain, seq)
);

create index audit_entry_actor on audit_entry (chain, actor);
create index audit_entry_record on audit_entry (chain, record_type, record_id);
create index audit_entry_subject on audit_entry (chain, subject_id);
create index audit_entry_time on audit_entry (chain, occurred_at);
