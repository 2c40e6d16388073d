{#- Run on every dbt invocation (on-run-start, dbt_project.yml). On Spark, each table of a source with a `location`
    becomes an external table over `<location>/<table>.csv`, with the column types the seed of the same name
    declares (the source's meta repeats them from the seed's YAML): dropping and creating it again moves no data,
    and every query reads the file as it is now. The header must name the columns in their declared order
    (enforceSchema off), and a row that does not parse stops the build (FAILFAST): nothing is dropped silently.
    Other engines load the seeds and do nothing here. -#}
{% macro ntp_external_tables() -%}
    {{ return(adapter.dispatch('ntp_external_tables')()) }}
{%- endmacro %}

{% macro default__ntp_external_tables() -%}
{%- endmacro %}

{% macro spark__ntp_external_tables() -%}
    {%- if execute -%}
        {%- for node in graph.sources.values()
            if node.package_name == project_name and node.source_meta.get('location') -%}
            {%- set relation = node.schema ~ '.' ~ node.identifier -%}
            {%- set location = node.source_meta['location'].rstrip('/') ~ '/' ~ node.identifier ~ '.csv' -%}
            {%- do run_query('create schema if not exists ' ~ node.schema) -%}
            {%- do run_query('drop table if exists ' ~ relation) -%}
            {%- set create -%}
                create table {{ relation }} (
                    {%- for name, type in node.meta['column_types'].items() %}
                    `{{ name }}` {{ type }}{% if not loop.last %},{% endif %}
                    {%- endfor %}
                )
                using csv
                options (
                    header 'true', enforceSchema 'false', multiLine 'true', quote '"', escape '"',
                    encoding 'UTF-8', mode 'FAILFAST'
                )
                location '{{ location }}'
            {%- endset -%}
            {%- do run_query(create) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
