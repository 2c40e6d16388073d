{#- Ordered string aggregation (NULLs skipped); `order_by` is one ascending expression. DuckDB and Postgres take
    `order by` inside string_agg; Spark collects (sort key, value) pairs, sorts them and joins the values. -#}
{% macro ntp_string_agg(expression, delimiter, order_by) -%}
    {{ return(adapter.dispatch('ntp_string_agg', 'ntp_warehouse')(expression, delimiter, order_by)) }}
{%- endmacro %}

{% macro default__ntp_string_agg(expression, delimiter, order_by) -%}
    string_agg({{ expression }}, '{{ delimiter }}' order by {{ order_by }})
{%- endmacro %}

{% macro spark__ntp_string_agg(expression, delimiter, order_by) -%}
    array_join(
        transform(
            array_sort(collect_list(struct({{ order_by }} as sort_key, {{ expression }} as agg_value))),
            pair -> pair.agg_value
        ),
        '{{ delimiter }}'
    )
{%- endmacro %}
