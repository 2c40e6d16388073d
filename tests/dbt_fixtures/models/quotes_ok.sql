select * from (values
    (1238075.0, '1.238.075 triệu đồng', 'Tổng nhu cầu vốn là 1.238.075 triệu đồng, trong đó', 'triệu'),
    (1250.0, '1,25 tỷ đồng', 'giảm 1,25 tỷ đồng tại huyện Bảo Lạc', 'tỷ'),
    (-1250.0, '1,25 tỷ đồng', 'giảm 1,25 tỷ đồng tại huyện Bảo Lạc', 'tỷ'),
    (2150400.0, '2 nghìn 150 tỷ 400 triệu đồng', 'là 2 nghìn 150 tỷ 400 triệu đồng', 'triệu'),
    (5690.0, '5.690.000.000 đồng', 'Kinh phí: 5.690.000.000 đồng', 'đồng'),
    (12940.347, '12940.347', '	Tổng cộng	12940.347	3.960', 'triệu'),
    (3960.0, '3.960', '	Tổng cộng	12940.347	3.960', 'triệu'),
    (96.1, '96,1%', '96,1% xã có đường ô tô', null),
    (28120.0, '28 tỷ 120 triệu đồng', 'đã giải ngân 28 tỷ 120 triệu đồng', 'triệu'),
    (1520000.0, '1.520.000 triệu', 'được bố trí hơn 1.520.000 triệu', 'triệu')
) as t (value_, figure_text, source_quote, scale_word)
