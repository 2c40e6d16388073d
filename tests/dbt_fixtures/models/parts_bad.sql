-- a part ("trong đó") larger than its whole, outside an adjustment
select * from (values
    ('whole', null, 1000.0, 0.0, 'planned'),
    ('part', 'whole', 1200.0, 0.0, 'planned'),
    ('net', null, 500.0, 0.0, 'adjusted'),
    ('net.up', 'net', 700.0, 0.0, 'adjusted')
) as t (line_id, parent_id, amount, precision_, budget_phase)
