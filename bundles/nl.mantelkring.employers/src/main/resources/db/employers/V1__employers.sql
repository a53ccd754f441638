-- Employers module (werk & mantelzorg). Portable SQL (H2 2.x and PostgreSQL); every table carries the tenant.

-- An employer. Personal data: the contact person and the employer's caregiver contact person (name, e-mail, phone).
create table employers_employer (
    tenant                 varchar(6)   not null,
    id                     varchar(36)  not null,
    name                   varchar(200) not null,
    kvk_number             varchar(8)   not null,
    sector                 varchar(40)  not null,
    size_class             varchar(20)  not null,
    street                 varchar(200),
    house_number           integer,
    house_number_addition  varchar(10),
    postcode               varchar(7),
    city                   varchar(100),
    contact_name           varchar(200),
    contact_email          varchar(254),
    contact_phone          varchar(20),
    care_contact_name      varchar(200),
    care_contact_email     varchar(254),
    care_contact_phone     varchar(20),
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    primary key (tenant, id),
    constraint employers_employer_kvk unique (tenant, kvk_number)
);
create index employers_employer_name on employers_employer (tenant, name);

-- Recognition as a caregiver-friendly employer (erkenning mantelzorgvriendelijk). A new recognition after
-- expiry is a new row; measures are a comma-separated list of fixed codes.
create table employers_recognition (
    tenant             varchar(6)    not null,
    id                 varchar(36)   not null,
    employer_id        varchar(36)   not null,
    status             varchar(20)   not null,
    interested_on      date          not null,
    recognised_on      date,
    expires_on         date,
    c_open_met         boolean       not null,
    c_open_evidence    varchar(2000),
    c_leave_met        boolean       not null,
    c_leave_evidence   varchar(2000),
    c_tailored_met     boolean       not null,
    c_tailored_evidence varchar(2000),
    measures           varchar(500)  not null,
    remarks            varchar(2000),
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    primary key (tenant, id),
    foreign key (tenant, employer_id) references employers_employer (tenant, id) on delete cascade
);
create index employers_recognition_employer on employers_recognition (tenant, employer_id);
create index employers_recognition_expiry on employers_recognition (tenant, status, expires_on);

-- Programmes the municipality runs with employers, and who takes part with which outcome.
create table employers_programme (
    tenant        varchar(6)    not null,
    id            varchar(36)   not null,
    kind          varchar(40)   not null,
    name          varchar(200)  not null,
    description   varchar(2000),
    start_date    date          not null,
    end_date      date,
    outcomes      varchar(4000),
    employees_reached integer,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    primary key (tenant, id)
);

create table employers_participation (
    tenant        varchar(6)    not null,
    programme_id  varchar(36)   not null,
    employer_id   varchar(36)   not null,
    outcome       varchar(2000),
    joined_at     timestamp with time zone not null,
    primary key (tenant, programme_id, employer_id),
    foreign key (tenant, programme_id) references employers_programme (tenant, id) on delete cascade,
    foreign key (tenant, employer_id) references employers_employer (tenant, id) on delete cascade
);

-- Employer self-scans: the answers and the scores per theme, with the questionnaire version they were given on.
create table employers_self_scan (
    tenant                 varchar(6)    not null,
    id                     varchar(36)   not null,
    employer_id            varchar(36)   not null,
    taken_on               date          not null,
    questionnaire_version  varchar(50)   not null,
    answers                varchar(20000) not null,
    scores                 varchar(20000) not null,
    total_score            integer       not null,
    recorded_by            varchar(200)  not null,
    recorded_at            timestamp with time zone not null,
    primary key (tenant, id),
    foreign key (tenant, employer_id) references employers_employer (tenant, id) on delete cascade
);
create index employers_self_scan_employer on employers_self_scan (tenant, employer_id, taken_on);

-- Zero measurements among an employer's employees: aggregated numbers only, never data of an employee.
create table employers_zero_measurement (
    tenant              varchar(6)    not null,
    id                  varchar(36)   not null,
    employer_id         varchar(36)   not null,
    measured_on         date          not null,
    respondents         integer       not null,
    caregivers          integer       not null,
    average_care_hours  decimal(5,1),
    needs               varchar(4000) not null,
    recorded_by         varchar(200)  not null,
    recorded_at         timestamp with time zone not null,
    primary key (tenant, id),
    foreign key (tenant, employer_id) references employers_employer (tenant, id) on delete cascade
);
create index employers_zero_measurement_employer on employers_zero_measurement (tenant, employer_id, measured_on);
