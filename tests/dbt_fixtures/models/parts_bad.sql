-- a part ("trong đó") larger than its whole, outside an adjustment (the part is the failing row)
select * from (values
    ('whole', null, 1000.0, 0.0, 'planned', 'good'),
    ('part', 'whole', 1200.0, 0.0, 'planned', 'bad'),
    ('net', null, 500.0, 0.0, 'adjusted', 'good'),
    ('net.up', 'net', 700.0, 0.0, 'adjusted', 'good')
) as t (line_id, parent_id, amount, precision_, budget_phase, document_id)
