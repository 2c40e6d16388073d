select * from (values ('bad', 'L1'), ('bad', 'L1'), ('good', 'L1')) as t (document_id, line_code)
