-- a planned percentage of 140
select * from (values
    (96.1, 'percent', 'target', 'good'),
    (140.0, 'percent', 'target', 'bad')
) as t (value_, quantity_kind, measure, document_id)
