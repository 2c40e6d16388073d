{#- The lines of the budget an incremental build refreshes (macros/incremental, ntp_per_line_config): those the
    replaced documents state now (int_funding_statements_by_document, already refreshed) or stated in the
    published build (its int_funding_statements, not yet refreshed: read as the table it is, not as a model this
    one depends on). Empty in any other build, where every line is built. -#}
{{ config(materialized='table') }}

{%- set published = none -%}
{%- if execute and target.type == 'duckdb' and ntp_documents_listed() -%}
    {%- set published = adapter.get_relation(this.database, this.schema, 'int_funding_statements') -%}
{%- endif %}

with

stated as (

    select * from {{ ref('int_funding_statements_by_document') }}

),

final as (

{%- if published is not none %}

    select line_key from stated
    where document_id in {{ ntp_replaced_documents() }}

    union

    select line_key from {{ published }}
    where document_id in {{ ntp_replaced_documents() }}

{%- else %}

    select line_key from stated
    where false

{%- endif %}

)

select * from final
