-- an investment line attached under a recurrent one
select * from (values
    ('rec', null, 'recurrent', 'DA1'),
    ('inv.central', 'rec', 'investment', 'DA1')
) as t (line_id, parent_id, capital_type, project_code)
