-- amounts written to the triệu are exact: 600 + 500 is not 1000
select * from (values
    ('total', null, 1000.0, 0.0, false),
    ('a', 'total', 600.0, 0.0, false),
    ('b', 'total', 500.0, 0.0, false)
) as t (line_id, parent_id, amount, precision_, is_approximate)
