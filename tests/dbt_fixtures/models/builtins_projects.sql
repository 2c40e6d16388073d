-- the projects builtins_bad refers to
select * from (values ('DA1'), ('DA2')) as t (project_code)
