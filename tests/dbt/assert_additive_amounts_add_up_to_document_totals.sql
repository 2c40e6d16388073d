{{ config(severity='warn', meta={'refreshed_per_document': true}) }}
{#- Summing `additive_amount_million_vnd` over a document gives its top-level totals: the lines that are no
    other line's part on either axis. A document listed here has a breakdown the apportioning cannot resolve.
    Each document is checked on its own rows alone: an incremental build checks the replaced documents. -#}
with

allocations as (

    select * from {{ ref('fct_budget_allocations') }} {{ ntp_only_listed_documents() }}

),

breakdowns as (

    select * from {{ ref('stg_extracted__funding_breakdowns') }} {{ ntp_only_listed_documents() }}

),

parts as (

    select distinct
        document_id,
        child_line_code as line_code
    from breakdowns

),

roots as (

    select
        allocations.document_id,
        sum(allocations.amount_million_vnd) as root_total_million_vnd
    from allocations
    left join parts
        on
            allocations.document_id = parts.document_id
            and allocations.line_code = parts.line_code
    where parts.line_code is null
    group by allocations.document_id

),

additive as (

    select
        document_id,
        sum(additive_amount_million_vnd) as additive_total_million_vnd
    from allocations
    group by document_id

),

final as (

    select
        roots.document_id,
        roots.root_total_million_vnd,
        additive.additive_total_million_vnd
    from roots
    inner join additive
        on roots.document_id = additive.document_id
    where abs(roots.root_total_million_vnd - additive.additive_total_million_vnd) > 0.01

)

select * from final
