-- a negative planned amount
select * from (values
    (570354.0, 'planned', 'good'),
    (-1250.0, 'planned', 'bad')
) as t (amount, budget_phase, document_id)
