-- every phase is one of the list's (a NULL is not a value)
select * from (values
    ('a', 'planned'),
    ('b', 'disbursed'),
    ('c', null)
) as t (line_id, budget_phase)
