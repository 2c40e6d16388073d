{#- Seeds on DuckDB are loaded by DuckDB's own CSV reader with the declared column types, instead of being
    parsed row by row in Python first (dbt's default reads the whole file into agate, about 24 times slower).
    The extracted seeds grow with the corpus: this keeps loading them at DuckDB's speed. Other adapters
    (Spark, Postgres) use dbt's default seed materialization. -#}
{% materialization seed, adapter='duckdb' %}

    {%- set identifier = model['alias'] -%}
    {%- set old_relation = adapter.get_relation(database=database, schema=schema, identifier=identifier) -%}
    {%- if old_relation is not none and old_relation.is_view -%}
        {{ exceptions.raise_compiler_error("Cannot seed to '{}', it is a view".format(old_relation.render())) }}
    {%- endif -%}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set path = adapter.get_seed_file_path(model) -%}
    {%- set column_types = config.get('column_types') or {} -%}
    {%- set delimiter = config.get('delimiter', ',') -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- set read_file -%}
        read_csv(
            '{{ path }}',
            header = true,
            delim = '{{ delimiter }}',
            quote = '"',
            escape = '"'
            {%- if column_types %},
            types = {
                {%- for name, type in column_types.items() %}
                '{{ name }}': '{{ type }}'{% if not loop.last %},{% endif %}
                {%- endfor %}
            }
            {%- endif %}
        )
    {%- endset -%}

    {#- An incremental build (loaders/incremental.py) leaves replaced_documents.list beside the seed files: they
        then hold only the rows of the documents added or changed since the published build, and the table (in a
        copy of the published warehouse) keeps every other document's rows. The rows of the listed documents,
        and of files that belong to no document, are deleted and the file's rows inserted. A seed whose meta says
        loaded_whole (the build's findings) is always replaced whole. -#}
    {%- set delta = ntp_documents_listed() -%}
    {%- set keyed = old_relation is not none
        and not (config.get('meta') or {}).get('loaded_whole', false)
        and 'document_id' in adapter.get_columns_in_relation(old_relation) | map(attribute='name') | list -%}
    {%- if delta and old_relation is none -%}
        {{ exceptions.raise_compiler_error("Incremental load of '" ~ identifier ~ "': the published table is missing; run a full build (--full)") }}
    {%- endif -%}

    {#- not named 'main': dbt writes a 'main' statement's SQL under target/run/ at the seed's own path, which for a
        seed folder given as an absolute path is the CSV file itself, before it is read -#}
    {% call statement('load_csv') -%}
        {%- if delta and keyed %}
        delete from {{ target_relation }}
        where
            document_id is null
            or document_id in {{ ntp_replaced_documents() }};
        insert into {{ target_relation }} by name
        select * from {{ read_file }}
        {%- else %}
        create or replace table {{ target_relation }} as
        select * from {{ read_file }}
        {%- endif %}
    {%- endcall %}

    {#- the seed runner reads results named agate_table and main; neither writes SQL over the CSV -#}
    {% call statement('agate_table', fetch_result=True) -%}
        select count(*) as rows_loaded from {{ target_relation }}
    {%- endcall %}
    {% do store_result('main', response=load_result('load_csv')['response']) %}

    {% do persist_docs(target_relation, model) %}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target_relation]}) }}

{% endmaterialization %}
