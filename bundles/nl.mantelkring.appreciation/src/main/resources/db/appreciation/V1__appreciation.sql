-- Appreciation payments (mantelzorgwaardering). Only pseudonymous ids of caregivers, relations and recipients;
-- names, BSN and IBAN stay in the registration module.
-- ("year" is a reserved word in H2 2.x, hence budget_year.)

-- one row per tenant and year: locked by every decision, so rules that count (once a year, per recipient, per
-- address, budget) see every earlier decision, also across nodes
create table appreciation_year (
    tenant    varchar(6)    not null,
    budget_year      integer       not null,
    committed decimal(14,2) not null,
    primary key (tenant, budget_year)
);

create table appreciation_application (
    id              varchar(36)   not null primary key,
    tenant          varchar(6)    not null,
    budget_year            integer       not null,
    caregiver_id    varchar(36)   not null,
    relation_id     varchar(36)   not null,
    recipient_id    varchar(36)   not null,
    address_key     varchar(40),
    applicant       varchar(20)   not null,
    care_paid       boolean       not null,
    status          varchar(20)   not null,
    evaluation      varchar(20000) not null,
    amount          decimal(12,2),
    channel         varchar(20),
    submitted_at    timestamp with time zone not null,
    submitted_by    varchar(200)  not null,
    decided_at      timestamp with time zone,
    decided_by      varchar(200),
    decision_reason varchar(1000),
    version         integer       not null
);
create index appreciation_application_queue on appreciation_application (tenant, budget_year, status, submitted_at);
create index appreciation_application_caregiver on appreciation_application (tenant, caregiver_id);

-- at most one grant per unit (caregiver, or caregiver + recipient) per year: the database guarantees it
create table appreciation_grant (
    id             varchar(36)   not null primary key,
    tenant         varchar(6)    not null,
    budget_year           integer       not null,
    application_id varchar(36)   not null unique references appreciation_application (id),
    unit_key       varchar(80)   not null,
    caregiver_id   varchar(36)   not null,
    recipient_id   varchar(36)   not null,
    address_key    varchar(40),
    amount         decimal(12,2),
    channel        varchar(20)   not null,
    status         varchar(20)   not null,
    created_at     timestamp with time zone not null,
    unique (tenant, budget_year, unit_key)
);
create index appreciation_grant_recipient on appreciation_grant (tenant, budget_year, recipient_id);
create index appreciation_grant_address on appreciation_grant (tenant, budget_year, address_key);
