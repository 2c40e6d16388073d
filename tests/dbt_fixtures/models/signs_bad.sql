-- a negative planned amount
select * from (values
    (570354.0, 'planned'),
    (-1250.0, 'planned')
) as t (amount, budget_phase)
