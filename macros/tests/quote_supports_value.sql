{#- Fails for every row whose stored value is not what its quote says: the figure must appear in the quote,
    and the number in it, re-read the Vietnamese way and scaled (tỷ, triệu, đồng), must equal the value's
    magnitude (within `tolerance`, for amounts stored to three decimals). -#}
{% test quote_supports_value(model, column_name, figure_column, quote_column, scale_column=none,
                             tolerance=0.0005) %}

with

rows_ as (

    select * from {{ model }}

),

parsed as (

    select
        *,
        {{ ntp_parse_vn_number(figure_column) }}
        {% if scale_column %}* {{ ntp_money_scale(scale_column) }}{% endif %} as quoted_value
    from rows_

)

select * from parsed
where
    {{ figure_column }} is null
    or {{ quote_column }} is null
    or {{ dbt.position(figure_column, quote_column) }} = 0
    or quoted_value is null
    or abs(abs({{ column_name }}) - quoted_value) > {{ tolerance }}

{% endtest %}
