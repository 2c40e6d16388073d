{#- The lines of the budget an incremental build refreshes (macros/incremental, ntp_per_line_config): those the
    replaced documents state now (int_funding_statements_by_document, already refreshed) or stated in the
    published build (its int_funding_statements, not yet refreshed: read as the table it is, not as a model this
    one depends on). Empty in any other build, where every line is built. -#}
{{ config(materialized='table') }}

{%- set published = none -%}
{%- if execute and target.type == 'duckdb' and ntp_documents_listed() -%}
    {%- set published = adapter.get_relation(this.database, this.schema, 'int_funding_statements') -%}
{%- endif -%}
{#- in any other build no document's rows are replaced -#}
{%- set replaced = ntp_replaced_documents() if published is not none else '(select null)' %}

with

stated as (

    select * from {{ ref('int_funding_statements_by_document') }}

),

stated_before as (

    select * from {{ published if published is not none else ref('int_funding_statements_by_document') }}

),

final as (

    select line_key from stated
    where document_id in {{ replaced }}

    union

    select line_key from stated_before
    where document_id in {{ replaced }}

)

select * from final
