-- an amount changed without its quote, and a figure that is not in its quote
select * from (values
    (1238075.0, '1.238.075 triệu đồng', 'Tổng nhu cầu vốn là 1.238.075 triệu đồng, trong đó', 'triệu', 'good'),
    (1238000.0, '1.238.075 triệu đồng', 'Tổng nhu cầu vốn là 1.238.075 triệu đồng, trong đó', 'triệu', 'bad'),
    (640.0, '640 hộ', 'hỗ trợ nhà ở cho 604 hộ', null, 'bad')
) as t (value_, figure_text, source_quote, scale_word, document_id)
