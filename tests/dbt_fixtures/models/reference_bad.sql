-- a reference table (no document_id) with a duplicated code: a failure tied to no document
select * from (values ('20', 'Lạng Sơn'), ('20', 'Lạng Sơn')) as t (province_code, province_name)
