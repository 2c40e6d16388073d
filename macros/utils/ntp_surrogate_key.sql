{#- A stable surrogate key: the md5 of the natural key's columns, NULL-safe and separated so that ('a', 'bc')
    and ('ab', 'c') differ. The same natural key gives the same id on every rebuild and on every engine. -#}
{% macro ntp_surrogate_key(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '~null~')") -%}
        {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}
