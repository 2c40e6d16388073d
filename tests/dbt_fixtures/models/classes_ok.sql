select * from (values
    ('inv', null, 'investment', 'DA1'),
    ('inv.central', 'inv', 'investment', 'DA1'),
    ('inv.any', 'inv', null, null)
) as t (line_id, parent_id, capital_type, project_code)
