-- allocated 1000, adjusted by -200 and then +50: 850 in force; a line with no adjustment keeps its allocation
select * from (values
    (1000.0, -150.0, 850.0, 'allocation', 'good'),
    (500.0, null, 500.0, 'allocation', 'good'),
    (null, null, 720.0, 'stated_after_adjustment', 'good')
) as t (allocated, adjustment, in_force, basis, document_id)
