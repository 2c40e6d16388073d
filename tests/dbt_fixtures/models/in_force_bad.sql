-- the adjustment forgotten: 1000 allocated, -150 adjusted, yet 1000 in force
select * from (values
    (1000.0, -150.0, 1000.0, 'allocation', 'bad'),
    (500.0, null, 500.0, 'allocation', 'good')
) as t (allocated, adjustment, in_force, basis, document_id)
