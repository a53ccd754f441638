-- What reports split by, as it was when the application was made (aggregates only; the postcode area is cleared
-- when the caregiver is erased).
alter table appreciation_application add column caregiver_age integer;
alter table appreciation_application add column young_caregiver boolean;
alter table appreciation_application add column working_caregiver boolean;
alter table appreciation_application add column postcode_area varchar(4);
