-- Every reason code the validation stage gives (io.xastream.transfer.entity.Reason). Hibernate wrote
-- the list into the check constraint when it created the table and its update never changed it: a
-- database created before NOT_TEXT, TOO_LARGE, TOO_DEEP, DUPLICATE_KEY, UNKNOWN_FIELD and
-- FUTURE_EVENT_TIME existed refused those rejections, and the records went to the dead letters
-- instead. A new reason code needs a migration like this one (ReasonCodesTest in ejb checks).
alter table record_outcome drop constraint if exists record_outcome_reason_check;
alter table record_outcome add constraint record_outcome_reason_check check (reason in ('NOT_TEXT', 'TOO_LARGE',
    'TOO_DEEP', 'MALFORMED', 'DUPLICATE_KEY', 'MISSING_FIELD', 'INVALID_ID', 'UNKNOWN_FIELD', 'INVALID_AMOUNT',
    'INVALID_EVENT_TIME', 'FUTURE_EVENT_TIME', 'UNKNOWN_ACCOUNT', 'SAME_ACCOUNT', 'INSUFFICIENT_FUNDS'));
