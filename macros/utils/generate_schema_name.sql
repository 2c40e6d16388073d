{#- Use the folder's custom schema verbatim (staging, intermediate, marts, reference, extracted) so the
    published file has the schema names of the contract, whatever the target's default schema is. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
