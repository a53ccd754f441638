-- Decision and voucher letters (issue 19): rendered once per decision as PDF/A and stored with it. The caregiver id
-- links a letter to its data subject (right of access; deleted on erasure, while the pseudonymised decision stays).
create table appreciation_letter (
    id               varchar(36)  not null primary key,
    tenant           varchar(6)   not null,
    application_id   varchar(36)  not null references appreciation_application (id),
    caregiver_id     varchar(36)  not null,
    kind             varchar(20)  not null,
    decision_no      integer      not null,
    file_name        varchar(100) not null,
    pdf              bytea        not null,
    sha256           varchar(64)  not null,
    template_version integer,
    created_at       timestamp with time zone not null,
    created_by       varchar(200) not null
);
create index appreciation_letter_application on appreciation_letter (tenant, application_id, created_at);
create index appreciation_letter_caregiver on appreciation_letter (tenant, caregiver_id);

-- Objections (bezwaren) against a decision. The Awb term (six weeks from the day after the decision was sent)
-- decides in_time; a late objection is recorded anyway. against_status is the decision objected to (toegekend or
-- afgewezen); the outcome (gegrond/ongegrond) with its motivation is the decision on the objection. The free texts
-- are cleared when the caregiver is erased; the counts stay.
create table appreciation_objection (
    id             varchar(36)   not null primary key,
    tenant         varchar(6)    not null,
    application_id varchar(36)   not null references appreciation_application (id),
    budget_year    integer       not null,
    received_on    date          not null,
    deadline       date          not null,
    in_time        boolean       not null,
    grounds        varchar(4000),
    against_status varchar(20)   not null,
    registered_at  timestamp with time zone not null,
    registered_by  varchar(200)  not null,
    outcome        varchar(20),
    motivation     varchar(4000),
    decided_at     timestamp with time zone,
    decided_by     varchar(200),
    letter_id      varchar(36)
);
create index appreciation_objection_application on appreciation_objection (tenant, application_id, registered_at);
create index appreciation_objection_year on appreciation_objection (tenant, budget_year);
