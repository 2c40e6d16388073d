{#- Ordered string aggregation; DuckDB and Postgres take `order by` inside, Spark sorts a collected list. -#}
{% macro ntp_string_agg(expression, delimiter, order_by) -%}
    {{ return(adapter.dispatch('ntp_string_agg', 'ntp_warehouse')(expression, delimiter, order_by)) }}
{%- endmacro %}

{% macro default__ntp_string_agg(expression, delimiter, order_by) -%}
    string_agg({{ expression }}, '{{ delimiter }}' order by {{ order_by }})
{%- endmacro %}

{% macro spark__ntp_string_agg(expression, delimiter, order_by) -%}
    array_join(array_sort(collect_list({{ expression }})), '{{ delimiter }}')
{%- endmacro %}
