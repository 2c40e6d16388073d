-- a planned percentage of 140
select * from (values
    (96.1, 'percent', 'target'),
    (140.0, 'percent', 'target')
) as t (value_, quantity_kind, measure)
