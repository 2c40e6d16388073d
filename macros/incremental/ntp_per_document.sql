{#- Models whose every row belongs to one document and depends on no other document's rows (the conformed facts)
    are refreshed document by document in an incremental build (loaders/incremental.py): the candidate is then a
    copy of the published warehouse and replaced_documents.list, beside the extracted seeds, names every document
    whose rows change (added, changed, removed, held back by a check). Such a model deletes the listed documents'
    rows and inserts theirs again from its inputs; any other build (a new candidate, `dbt build` by hand on an
    existing file) deletes and inserts every row, so the result is always that of a full build. Spark builds them
    as tables. Usage, in the model:

        {{ config(**ntp_per_document_config()) }}
        ... from {{ ref('upstream') }} {{ ntp_only_replaced_documents() }}

    The data tests attached to such a model check, in an incremental build, only the listed documents' rows
    (duckdb__get_where_subquery below): every other row is the one the published build checked, and its findings
    are carried over (loaders/quarantine.py, carried_flags). Tests on other models check every row.
-#}

{% macro ntp_per_document_config() -%}
    {{ return(ntp_refreshed_config('{{ ntp_delete_replaced_documents() }}', {'refreshed_per_document': true})) }}
{%- endmacro %}

{#- a model refreshed in part in an incremental build: on DuckDB, rows appended after `pre_hook` deletes those
    being replaced; elsewhere a table built whole -#}
{% macro ntp_refreshed_config(pre_hook, meta) -%}
    {%- if target.type == 'duckdb' -%}
        {{ return({
            'materialized': 'incremental',
            'incremental_strategy': 'append',
            'on_schema_change': 'sync_all_columns',
            'pre_hook': pre_hook,
            'meta': meta,
        }) }}
    {%- else -%}
        {{ return({'materialized': 'table'}) }}
    {%- endif -%}
{%- endmacro %}

{% macro ntp_replaced_documents_file() -%}
    {{ return(env_var('NTP_EXTRACTED_SEEDS', 'seeds/extracted') ~ '/replaced_documents.list') }}
{%- endmacro %}

{% macro ntp_documents_listed() -%}
    {#- true in an incremental build: the seed folder lists the documents whose rows are replaced (DuckDB only:
        elsewhere every build is whole) -#}
    {%- if not execute or target.type != 'duckdb' -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set listed = run_query(
        "select count(*) from glob('" ~ ntp_replaced_documents_file() ~ "')"
    ).columns[0].values()[0] -%}
    {{ return(listed > 0) }}
{%- endmacro %}

{% macro ntp_document_delta() -%}
    {#- true when this model refreshes only the listed documents' rows -#}
    {{ return(execute and is_incremental() and ntp_documents_listed()) }}
{%- endmacro %}

{% macro ntp_replaced_documents() -%}
    {{ return(adapter.dispatch('ntp_replaced_documents', 'ntp_warehouse')()) }}
{%- endmacro %}

{#- only DuckDB builds incrementally; other adapters build these models as tables and never ask -#}
{% macro default__ntp_replaced_documents() -%}
    {{ exceptions.raise_compiler_error('incremental document refresh is built on DuckDB only') }}
{%- endmacro %}

{% macro duckdb__ntp_replaced_documents() -%}
    (
        select document_id
        from read_csv('{{ ntp_replaced_documents_file() }}', header = true, columns = {'document_id': 'VARCHAR'})
    )
{%- endmacro %}

{% macro ntp_only_replaced_documents() -%}
    {%- if ntp_document_delta() %}
    where document_id in {{ ntp_replaced_documents() }}
    {%- endif -%}
{%- endmacro %}

{#- in a singular check whose rows each belong to one document (config meta.refreshed_per_document): in an
    incremental build, only the listed documents' rows -#}
{% macro ntp_only_listed_documents() -%}
    {%- if ntp_documents_listed() %}
    where document_id in {{ ntp_replaced_documents() }}
    {%- endif -%}
{%- endmacro %}

{% macro ntp_delete_replaced_documents() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        {%- if ntp_document_delta() %} where document_id in {{ ntp_replaced_documents() }}{% endif %}
    {%- endif -%}
{%- endmacro %}

{#- dbt's own, with the listed documents' filter, in an incremental build, on the tested model of
    - any test attached to a model refreshed document by document (meta.refreshed_per_document);
    - a test of uniqueness within a document (its columns include document_id) attached to a seed or view whose
      rows of a document come from that document's extracted rows alone (meta.rows_per_document): the rows of the
      documents not listed are those of the published build, which passed it. -#}
{% macro duckdb__get_where_subquery(relation) -%}
    {%- set filters = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do filters.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set attached = graph.nodes.get(model.attached_node) if execute and model.attached_node else none -%}
    {%- if attached and attached.config.meta.get('refreshed_per_document') and ntp_documents_listed() -%}
        {%- do filters.append('document_id in ' ~ ntp_replaced_documents()) -%}
    {%- elif attached and attached.config.meta.get('rows_per_document') and ntp_unique_within_a_document(model)
        and ntp_documents_listed() -%}
        {%- do filters.append('(document_id in ' ~ ntp_replaced_documents() ~ ' or document_id is null)') -%}
    {%- endif -%}
    {%- if filters -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ filters | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#- Models whose every row depends on the statements of one line of the budget alone (int_funding_statements,
    fct_allocation_in_force: their rows are per line_key) are refreshed line by line in an incremental build: they
    delete and insert again the rows of the lines int_funding_line_keys_replaced lists (those the replaced
    documents state now or stated before). Any other build deletes and inserts every row. Usage, in the model:

        {{ config(**ntp_per_line_config('in_force_id')) }}  (the model's column holding the line key)
        ... from {{ ref('upstream') }} {{ ntp_only_replaced_lines('line_key') }}  (the input's)
-#}
{% macro ntp_per_line_config(key_column) -%}
    {{ return(ntp_refreshed_config('{{ ntp_delete_replaced_lines() }}', {'refreshed_per_line': key_column})) }}
{%- endmacro %}

{% macro ntp_replaced_lines() -%}
    (select line_key from {{ ref('int_funding_line_keys_replaced') }})
{%- endmacro %}

{% macro ntp_only_replaced_lines(key_column) -%}
    {%- set lines = ntp_replaced_lines() -%}  {#- the dependency, whether or not this build filters -#}
    {%- if ntp_document_delta() %}
    where {{ key_column }} in {{ lines }}
    {%- endif -%}
{%- endmacro %}

{% macro ntp_delete_replaced_lines() -%}
    {%- set key_column = config.get('meta')['refreshed_per_line'] -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        {%- if ntp_document_delta() %} where {{ key_column }} in {{ ntp_replaced_lines() }}{% endif %}
    {%- endif -%}
{%- endmacro %}

{% macro ntp_unique_within_a_document(test) -%}
    {%- set metadata = test.test_metadata or {} -%}
    {{ return(metadata.get('name') == 'unique_combination_of_columns'
        and 'document_id' in metadata.get('kwargs', {}).get('combination_of_columns', [])) }}
{%- endmacro %}
