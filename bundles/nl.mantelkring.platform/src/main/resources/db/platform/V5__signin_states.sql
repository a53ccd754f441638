-- OpenID Connect sign-ins under way (nl.mantelkring.platform.internal.oidc.SignInStates): what the callback needs,
-- kept in the database so that it may land on any node. The key is a hash of the state; the browser binding is a
-- hash of the short-lived cookie the browser got when it left. A row is deleted when the callback consumes it
-- (exactly once) or, unused, after it expired.
create table signin_state (
    state_hash     varchar(64)  not null primary key,
    kind           varchar(10)  not null,
    browser_hash   varchar(64)  not null,
    nonce          varchar(100) not null,
    code_verifier  varchar(128) not null,
    redirect_uri   varchar(1000) not null,
    return_path    varchar(500) not null,
    expires_at     timestamp with time zone not null
);
create index signin_state_expires on signin_state (expires_at);
