-- a child moved under another parent: its code no longer extends its parent's
select * from (values
    ('TOTAL.DIRECT.INV.CENTRAL', 'TOTAL.DIRECT.REC'),
    ('DA1|INV', 'TOTAL|REC')
) as t (line_code, parent_line_code)
