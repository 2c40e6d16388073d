-- amounts written to the triệu are exact: 600 + 500 is not 1000 (the whole is the failing row)
select * from (values
    ('total', null, 1000.0, 0.0, false, 'bad'),
    ('a', 'total', 600.0, 0.0, false, 'good'),
    ('b', 'total', 500.0, 0.0, false, 'good')
) as t (line_id, parent_id, amount, precision_, is_approximate, document_id)
