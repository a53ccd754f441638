-- A split over a recipient's caregivers (payout 'verdeling'): the run fixes each grant's amount to pay from the
-- number of caregivers with a grant for that recipient (payable_rule 'verdeling'); payable_split holds the policy's
-- amounts per caregiver for 1, 2, 3 ... caregivers as the run started ("150.00,75.00,50.00").
alter table appreciation_run add column payable_split varchar(400);
