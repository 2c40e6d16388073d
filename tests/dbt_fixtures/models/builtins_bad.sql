-- dbt's own tests (unique, not_null, accepted_values, relationships) name the failing value, not the row: the
-- build traces it back to the rows holding it (loaders/quarantine.py); the rows it must find are 'bad'
select * from (values
    ('t1', 'DA1', 'target', 'good'),
    ('t2', 'DA11', 'goal', 'bad'),
    ('t2', null, 'target', 'bad')
) as t (target_id, project_code, measure, document_id)
