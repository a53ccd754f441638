-- Per-tenant roles granted through the API by municipal (or platform) administrators, in addition to the roles
-- the realm gives. Stored in the database so that every node sees the same grants.
create table role_grant (
    tenant      varchar(6)   not null references tenant (code),
    username    varchar(200) not null,
    role        varchar(30)  not null,
    granted_by  varchar(200) not null,
    granted_at  timestamp with time zone not null,
    primary key (tenant, username, role)
);

create index role_grant_user on role_grant (username);
