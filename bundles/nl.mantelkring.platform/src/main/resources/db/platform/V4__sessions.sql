-- Sign-in sessions (staff and citizens), shared by every node: a node accepts a session that another node started.
-- The browser holds a random 256-bit value in an HttpOnly cookie; only its SHA-256 hash is stored here, so a copy
-- of this table signs no one in. Roles and attributes are JSON (attributes never hold a token).
create table auth_session (
    id_hash       varchar(64)    not null primary key,
    kind          varchar(10)    not null,
    subject       varchar(200)   not null,
    roles         varchar(100000) not null,
    provider      varchar(30)    not null,
    attributes    varchar(100000) not null,
    created_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone not null,
    expires_at    timestamp with time zone not null
);

create index auth_session_expires on auth_session (expires_at);
