-- The loket (the caregivers' public front door). Numbered 2.1 so that another 2.x of the same release can sit beside it.

-- Anonymous self-checks, counted: one row per tenant, day, outcome and postcode area, nothing about the person.
-- pc4 is the four digits the visitor chose to give, or '' when they gave none. Figures sum "checks".
create table registration_selfcheck_count (
    tenant  varchar(6)  not null,
    taken_on date       not null,
    outcome varchar(10) not null,
    pc4     varchar(4)  not null,
    checks  integer     not null,
    primary key (tenant, taken_on, outcome, pc4)
);

-- A signed-in caregiver's request to erase their registration, waiting for a consultant (policy
-- registratie.wisverzoek). Removed with the registration when it is erased.
create table registration_erasure_request (
    tenant       varchar(6)   not null,
    caregiver_id varchar(36)  not null references registration_caregiver (id),
    requested_at timestamp with time zone not null,
    note         varchar(1000),
    primary key (tenant, caregiver_id)
);
create index registration_erasure_request_at on registration_erasure_request (tenant, requested_at);
