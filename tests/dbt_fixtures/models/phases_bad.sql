-- 'target' is a value of another list, 'spent' of none (document_id: the rows a failure must be traced to)
select * from (values
    ('a', 'planned', 'good'),
    ('b', 'target', 'bad'),
    ('c', 'spent', 'bad')
) as t (line_id, budget_phase, document_id)
