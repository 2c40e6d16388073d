-- 17,7 tỷ is good to 0.05 tỷ: parts of 10,04 tỷ and 7,7 tỷ (17,74 tỷ) agree with it within the printed precision
select * from (values
    ('total', null, 17700.0, 50.0, false),
    ('a', 'total', 10040.0, 5.0, false),
    ('b', 'total', 7700.0, 50.0, false),
    ('approx', null, 1200000.0, 0.0, true),
    ('approx.a', 'approx', 5.0, 0.0, false)
) as t (line_id, parent_id, amount, precision_, is_approximate)
