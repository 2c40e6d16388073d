-- parts within their wholes; an adjustment's net change may be smaller than one of its increases
select * from (values
    ('whole', null, 1000.0, 0.0, 'planned'),
    ('part', 'whole', 999.0, 0.0, 'planned'),
    ('cut', null, -50.0, 0.0, 'planned'),
    ('cut.part', 'cut', -20.0, 0.0, 'planned'),
    ('net', null, 500.0, 0.0, 'adjusted'),
    ('net.up', 'net', 700.0, 0.0, 'adjusted'),
    ('net.down', 'net', -200.0, 0.0, 'adjusted')
) as t (line_id, parent_id, amount, precision_, budget_phase)
