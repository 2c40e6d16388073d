-- the lists the in_value_list fixtures check against (the project's own are seeds/reference/value_lists.csv)
select * from (values
    ('budget_phase', 'planned'),
    ('budget_phase', 'allocated'),
    ('budget_phase', 'adjusted'),
    ('budget_phase', 'disbursed'),
    ('measure', 'target')
) as t (list_name, value)
