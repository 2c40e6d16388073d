select * from (values
    (96.1, 'percent', 'target'),
    (0.0, 'percent', 'baseline'),
    (115.0, 'percent', 'result'),
    (140.0, 'count', 'target')
) as t (value_, quantity_kind, measure)
