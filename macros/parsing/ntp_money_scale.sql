{#- Million VND per unit of a money scale word: tỷ -> 1000, triệu -> 1, đồng -> 0.000001, nghìn tỷ -> 1000000. -#}
{% macro ntp_money_scale(scale_word) -%}
    case lower({{ scale_word }})
        when 'nghìn tỷ' then cast(1000000 as decimal(38, 6))
        when 'ngàn tỷ' then cast(1000000 as decimal(38, 6))
        when 'tỷ' then cast(1000 as decimal(38, 6))
        when 'triệu' then cast(1 as decimal(38, 6))
        when 'nghìn' then cast(0.001 as decimal(38, 6))
        when 'ngàn' then cast(0.001 as decimal(38, 6))
        when 'đồng' then cast(0.000001 as decimal(38, 6))
    end
{%- endmacro %}
