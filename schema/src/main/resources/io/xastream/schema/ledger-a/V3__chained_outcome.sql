-- Whether the transaction that settled a record handed its settled event on to the stages chained
-- after the apply stage (the aggregate stage) in that same transaction, under XA. The settled
-- outcome is unique per record, so that hand-over happens once, ever, and the aggregate stage counts
-- such a record without a claim row of its own (one insert of a row per record less in every epoch,
-- about a tenth of PostgreSQL's work). A settled event of such a record that comes back through the
-- aggregate's queue (a replay) finds this column set and is not counted again (StageClaims).
alter table record_outcome add column if not exists chained boolean not null default false;
