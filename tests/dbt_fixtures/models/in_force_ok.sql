-- allocated 1000, adjusted by -200 and then +50: 850 in force; a line with no adjustment keeps its allocation
select * from (values
    (1000.0, -150.0, 850.0, 'allocation'),
    (500.0, null, 500.0, 'allocation'),
    (null, null, 720.0, 'stated_after_adjustment')
) as t (allocated, adjustment, in_force, basis)
