select * from (values ('d1', 'L1'), ('d1', 'L2'), ('d2', 'L1')) as t (document_id, line_code)
