-- Payment runs (betaalruns), returned payments and vouchers. Portable SQL (H2 2.x and PostgreSQL 15).

-- A grant's payout: the amount to pay (fixed at the first payment run for pro-rata payouts), the run it is in,
-- how often it was put in a run (part of the end-to-end id, so a payment made again after a return has a new id),
-- when it was paid, and the voucher or plugin reference for non-bank channels.
alter table appreciation_grant add column payable decimal(12,2);
alter table appreciation_grant add column run_id varchar(36);
alter table appreciation_grant add column attempts integer default 0 not null;
alter table appreciation_grant add column paid_at timestamp with time zone;
alter table appreciation_grant add column voucher_code varchar(19);
alter table appreciation_grant add column voucher_valid_until date;
alter table appreciation_grant add column redeemed_at timestamp with time zone;
alter table appreciation_grant add column redeemed_by varchar(200);
alter table appreciation_grant add column payout_reference varchar(200);
alter table appreciation_grant add column payout_problem varchar(1000);
alter table appreciation_grant add column updated_at timestamp with time zone;
alter table appreciation_grant add column version integer default 0 not null;
create unique index appreciation_grant_voucher on appreciation_grant (voucher_code);
create index appreciation_grant_payable on appreciation_grant (tenant, budget_year, status, channel);

-- One row per run. open_tenant equals tenant while the run is open (being written, or written and not yet
-- confirmed or cancelled): the unique constraint allows one open run per tenant, across every node.
-- lease_owner/lease_until: the node writing the files; another node takes over when the lease has expired.
create table appreciation_run (
    id             varchar(36)   not null primary key,
    tenant         varchar(6)    not null,
    budget_year    integer       not null,
    open_tenant    varchar(6)    unique,
    status         varchar(20)   not null,
    format         varchar(30)   not null,
    execution_date date          not null,
    max_per_file   integer       not null,
    message_base   varchar(24)   not null,
    debtor_name    varchar(70)   not null,
    debtor_iban    varchar(34)   not null,
    debtor_bic     varchar(11),
    remittance     varchar(140),
    transactions   integer       not null,
    total          decimal(14,2) not null,
    files          integer       not null,
    written_files  integer       not null,
    skipped        integer       not null,
    problem        varchar(2000),
    lease_owner    varchar(100),
    lease_until    timestamp with time zone,
    created_at     timestamp with time zone not null,
    created_by     varchar(200)  not null,
    finished_at    timestamp with time zone,
    closed_at      timestamp with time zone,
    closed_by      varchar(200),
    version        integer       not null
);
create index appreciation_run_tenant on appreciation_run (tenant, created_at);

-- The grants of a run: fixed in the transaction that creates the run (sequence, file, amount, end-to-end id).
create table appreciation_payment (
    run_id        varchar(36)   not null references appreciation_run (id),
    grant_id      varchar(36)   not null references appreciation_grant (id),
    tenant        varchar(6)    not null,
    seq           integer       not null,
    file_no       integer       not null,
    amount        decimal(12,2) not null,
    end_to_end_id varchar(35)   not null,
    status        varchar(20)   not null,
    problem       varchar(200),
    returned_on   date,
    return_reason varchar(200),
    primary key (run_id, grant_id),
    unique (tenant, end_to_end_id)
);
create index appreciation_payment_file on appreciation_payment (run_id, file_no, seq);
create index appreciation_payment_grant on appreciation_payment (grant_id);

-- The released files, in the database so that every node can serve them; content in parts of at most 1 MiB.
create table appreciation_run_file (
    run_id       varchar(36)   not null references appreciation_run (id),
    file_no      integer       not null,
    message_id   varchar(35)   not null,
    transactions integer       not null,
    total        decimal(14,2) not null,
    sha256       varchar(64)   not null,
    size_bytes   bigint        not null,
    created_at   timestamp with time zone not null,
    primary key (run_id, file_no)
);
create table appreciation_run_file_part (
    run_id  varchar(36) not null,
    file_no integer     not null,
    part_no integer     not null,
    content bytea       not null,
    primary key (run_id, file_no, part_no),
    foreign key (run_id, file_no) references appreciation_run_file (run_id, file_no)
);

-- Payout channels: a vendor channel is written plugin:<id>; the applicant's choice when the policy lets them choose.
alter table appreciation_grant alter column channel set data type varchar(120);
alter table appreciation_application alter column channel set data type varchar(120);
alter table appreciation_application add column channel_choice varchar(120);
