-- a part ("trong đó") larger than its whole
select * from (values
    ('whole', null, 1000.0, 0.0),
    ('part', 'whole', 1200.0, 0.0)
) as t (line_id, parent_id, amount, precision_)
