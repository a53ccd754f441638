-- Issue 19 (messages). A consultant's request for more information on an application: recorded with it, and a
-- message to the caregiver (the platform outbox holds the message itself). The caregiver id is kept here too, so
-- that erasure clears the explanation whatever order the modules handle it in.
create table appreciation_information_request (
    id             varchar(36)   not null primary key,
    tenant         varchar(6)    not null,
    application_id varchar(36)   not null,
    caregiver_id   varchar(36),
    explanation    varchar(2000),
    requested_at   timestamp     not null,
    requested_by   varchar(200)  not null,
    message_id     varchar(36)
);
create index appreciation_information_request_app on appreciation_information_request (tenant, application_id);
create index appreciation_information_request_cg on appreciation_information_request (tenant, caregiver_id);

-- Invitations when the application window opens: at most one per caregiver and year (the primary key).
create table appreciation_invitation (
    tenant         varchar(6)    not null,
    budget_year    integer       not null,
    caregiver_id   varchar(36)   not null,
    message_id     varchar(36),
    created_at     timestamp     not null,
    primary key (tenant, budget_year, caregiver_id)
);

-- Messages derived from a payout after it happened, made by a background job and never twice: "paid" per confirmed
-- payment run (done_at set when every paid grant of the run has its message; last_grant_id is where to resume) and
-- "voucher issued" per grant.
create table appreciation_run_notice (
    run_id         varchar(36)   not null primary key,
    tenant         varchar(6)    not null,
    last_grant_id  varchar(36),
    messages       integer       not null,
    done_at        timestamp
);
create table appreciation_voucher_notice (
    grant_id       varchar(36)   not null primary key,
    tenant         varchar(6)    not null,
    message_id     varchar(36),
    created_at     timestamp     not null
);
-- what was paid or issued before this version gets no message now
insert into appreciation_run_notice (run_id, tenant, messages, done_at)
    select id, tenant, 0, current_timestamp from appreciation_run where status = 'bevestigd';
insert into appreciation_voucher_notice (grant_id, tenant, created_at)
    select id, tenant, current_timestamp from appreciation_grant where voucher_code is not null;
-- the "paid" job reads a confirmed run's grants by id, a chunk at a time
create index appreciation_grant_run on appreciation_grant (run_id, id);
