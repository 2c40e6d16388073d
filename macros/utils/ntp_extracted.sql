{#- What a staging model of the extracted tables reads: the seed on DuckDB (loaded by the seed materialization,
    macros/materializations/seed_duckdb.sql); on Spark, the external table over the CSV file `ntp-warehouse
    extract` wrote, where it lies (sources `extracted_files` and `build_files`, created by ntp_external_tables). -#}
{% macro ntp_extracted(name) -%}
    {%- if target.type == 'spark' -%}
        {{ source('build_files' if name == 'build_findings' else 'extracted_files', name) }}
    {%- else -%}
        {{ ref(name) }}
    {%- endif -%}
{%- endmacro %}
