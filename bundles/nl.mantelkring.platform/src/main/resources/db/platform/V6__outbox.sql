-- The transactional outbox (nl.mantelkring.platform.api.messages.Outbox): a module stores a message in the same
-- transaction as the event that causes it; one worker in the cluster (lease 'platform.berichten') sends it.
-- recipient, title, body, letter and the attachments are personal data: cleared when purge_after has passed
-- (sending + the tenant's retention period), and deleted with the person (erasure).
create table platform_message (
    id              varchar(36)   not null primary key,
    tenant          varchar(6)    not null,
    reference       varchar(200)  not null,
    kind            varchar(60)   not null,
    subject_id      varchar(64)   not null,
    status          varchar(20)   not null,
    channel         varchar(30),
    recipient       varchar(4000),
    title           varchar(200),
    body            varchar(20000),
    letter          bytea,
    purpose         varchar(300)  not null,
    attempts        integer       not null,
    next_attempt_at timestamp with time zone not null,
    sending_since   timestamp with time zone,
    resent_in_doubt boolean       default false not null,
    problem         varchar(1000),
    created_at      timestamp with time zone not null,
    sent_at         timestamp with time zone,
    print_batch     date,
    purge_after     timestamp with time zone,
    unique (tenant, reference)
);
create index platform_message_due on platform_message (status, next_attempt_at);
create index platform_message_subject on platform_message (tenant, subject_id, created_at);
create index platform_message_list on platform_message (tenant, created_at);
create index platform_message_batch on platform_message (tenant, print_batch);
create index platform_message_purge on platform_message (purge_after);

create table platform_message_attachment (
    message_id varchar(36)  not null references platform_message (id) on delete cascade,
    seq        integer      not null,
    file_name  varchar(200) not null,
    media_type varchar(100) not null,
    content    bytea        not null,
    primary key (message_id, seq)
);
