-- private.reject was declared immutable, but it exists to raise: a function with a side effect (an
-- error) is volatile. Immutable lets the planner fold a call with constant arguments while
-- planning, and plpgsql_check (`supabase db lint`) does exactly that: it reported every
-- `perform private.reject('…', '…')` of private.apply_mutation as an error raised at check time.
-- Its one caller, private.apply_mutation, is volatile already; its grants stay as they were.
alter function private.reject(text, text) volatile;
