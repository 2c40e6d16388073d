select * from (values
    ('whole', null, 1000.0, 0.0),
    ('part', 'whole', 999.0, 0.0),
    ('cut', null, -50.0, 0.0),
    ('cut.part', 'cut', -20.0, 0.0)
) as t (line_id, parent_id, amount, precision_)
