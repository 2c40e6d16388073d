select * from (values
    (570354.0, 'planned'),
    (-1250.0, 'adjusted')
) as t (amount, budget_phase)
