-- a child moved under another parent: its code no longer extends its parent's
select * from (values
    ('TOTAL.DIRECT.INV.CENTRAL', 'TOTAL.DIRECT.REC', 'bad'),
    ('DA1|INV', 'TOTAL|REC', 'bad'),
    ('TOTAL.DIRECT', 'TOTAL', 'good')
) as t (line_code, parent_line_code, document_id)
