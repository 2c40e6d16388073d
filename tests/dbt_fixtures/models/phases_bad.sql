-- 'target' is a value of another list, 'spent' of none
select * from (values
    ('a', 'planned'),
    ('b', 'target'),
    ('c', 'spent')
) as t (line_id, budget_phase)
