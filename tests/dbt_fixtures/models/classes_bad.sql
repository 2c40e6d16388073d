-- an investment line attached under a recurrent one (document_id: the rows a failure must be traced to are 'bad')
select * from (values
    ('rec', null, 'recurrent', 'DA1', 'good'),
    ('inv.central', 'rec', 'investment', 'DA1', 'bad')
) as t (line_id, parent_id, capital_type, project_code, document_id)
