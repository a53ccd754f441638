-- The intake channel of an application (aanvraagkanaal): 'loket' when the citizen applied with DigiD at the
-- municipality's loket, 'balie' when staff entered it. Every application before the loket was staff-entered.
alter table appreciation_application add column intake_channel varchar(10);
update appreciation_application set intake_channel = 'balie';
alter table appreciation_application alter column intake_channel set not null;
create index appreciation_application_intake on appreciation_application (tenant, budget_year, intake_channel);
-- A loket application keeps what the citizen entered (without IBAN), to prefill next year's renewal; erased with
-- the caregiver (AppreciationPrivacy).
alter table appreciation_application add column loket_request varchar(8000);
