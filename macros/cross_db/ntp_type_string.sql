{#- The unbounded text type: `varchar` on DuckDB (and Postgres), `string` on Spark, whose `varchar` needs a length.
    dbt.type_string() would do too, but renders `TEXT` on DuckDB; this keeps DuckDB's compiled SQL as it was. -#}
{% macro ntp_type_string() -%}
    {{ return(adapter.dispatch('ntp_type_string', 'ntp_warehouse')()) }}
{%- endmacro %}

{% macro default__ntp_type_string() -%}
    varchar
{%- endmacro %}

{% macro spark__ntp_type_string() -%}
    string
{%- endmacro %}
