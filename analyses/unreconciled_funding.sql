{#- Which documents' totals do not add up, and by how much? Every funding line with
    parts whose reconciliation status is not 'ok' (rounding, partial_breakdown,
    inconsistent_in_source), with the document it is in and the difference (parts minus
    whole) in million VND. -#}
with

reconciliation as (

    select * from {{ ref('rpt_funding_reconciliation') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

not_ok as (

    select *
    from reconciliation
    where status <> 'ok'

),

final as (

    select
        not_ok.document_id,
        documents.province_code,
        provinces.province_name,
        documents.plan_year,
        documents.doc_kind,
        documents.doc_number,
        not_ok.line_code,
        not_ok.breakdown_axis,
        not_ok.status,
        case not_ok.status
            when 'inconsistent_in_source' then 1
            when 'partial_breakdown' then 2
            else 3
        end as status_rank,
        not_ok.stated_million_vnd,
        not_ok.children_sum_million_vnd,
        not_ok.difference_million_vnd,
        abs(not_ok.difference_million_vnd) as abs_difference_million_vnd,
        not_ok.explanation,
        not_ok.source_file,
        not_ok.source_line
    from not_ok
    inner join documents
        on not_ok.document_id = documents.document_id
    left join provinces
        on documents.province_code = provinces.province_code

)

select * from final
order by status_rank asc, abs_difference_million_vnd desc, document_id asc, line_code asc
