select * from (values
    ('TOTAL', null),
    ('TOTAL.DIRECT', 'TOTAL'),
    ('TOTAL.DIRECT.INV', 'TOTAL.DIRECT'),
    ('DA3.TDA1|REC.CENTRAL', 'DA3|REC.CENTRAL')
) as t (line_code, parent_line_code)
