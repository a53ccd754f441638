-- Working caregivers linked (with their consent, purpose 'werkgeverskoppeling' in the registration module) to the
-- employer they work for, for reporting only. Only pseudonymous ids: the caregiver's data stays in registration.
create table employers_caregiver_link (
    tenant       varchar(6)   not null,
    caregiver_id varchar(36)  not null,
    employer_id  varchar(36),
    linked_at    timestamp with time zone not null,
    linked_by    varchar(200) not null,
    primary key (tenant, caregiver_id)
);
create index employers_caregiver_link_employer on employers_caregiver_link (tenant, employer_id);
