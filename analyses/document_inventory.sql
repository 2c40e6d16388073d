{#- What is in the warehouse, document by document: where and when it is from, its kind
    and number, the files it was read from, how many figures and money amounts it
    states, its total (each amount counted once, per phase: planned, allocated,
    adjusted, disbursed) for each period its amounts cover (a 2021-2025 total and a
    2023 amount of one document are two rows, never one sum) and how its totals
    reconcile. -#}
with

documents as (

    select * from {{ ref('dim_document') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

allocations as (

    select * from {{ ref('fct_budget_allocations') }}

),

reconciliation as (

    select * from {{ ref('rpt_funding_reconciliation') }}

),

totals as (

    select
        document_id,
        period_start_year,
        period_end_year,
        sum(
            case when budget_phase = 'planned' then additive_amount_million_vnd end
        ) as planned_million_vnd,
        sum(
            case when budget_phase = 'allocated' then additive_amount_million_vnd end
        ) as allocated_million_vnd,
        sum(
            case when budget_phase = 'adjusted' then additive_amount_million_vnd end
        ) as adjusted_million_vnd,
        sum(
            case when budget_phase = 'disbursed' then additive_amount_million_vnd end
        ) as disbursed_million_vnd
    from allocations
    group by document_id, period_start_year, period_end_year

),

reconciled as (

    select
        document_id,
        count(*) as n_breakdowns,
        sum(case when status = 'ok' then 1 else 0 end) as n_breakdowns_ok,
        sum(
            case when status = 'inconsistent_in_source' then 1 else 0 end
        ) as n_breakdowns_inconsistent
    from reconciliation
    group by document_id

),

final as (

    select
        documents.document_id,
        documents.province_code,
        provinces.province_name,
        documents.admin_level,
        documents.area_name,
        documents.plan_year,
        totals.period_start_year,
        totals.period_end_year,
        documents.doc_kind,
        documents.doc_number,
        documents.issued_date,
        documents.source_files,
        documents.n_targets,
        documents.n_funding_lines,
        totals.planned_million_vnd,
        totals.allocated_million_vnd,
        totals.adjusted_million_vnd,
        totals.disbursed_million_vnd,
        coalesce(reconciled.n_breakdowns, 0) as n_breakdowns,
        coalesce(reconciled.n_breakdowns_ok, 0) as n_breakdowns_ok,
        coalesce(reconciled.n_breakdowns_inconsistent, 0) as n_breakdowns_inconsistent
    from documents
    left join provinces
        on documents.province_code = provinces.province_code
    left join totals
        on documents.document_id = totals.document_id
    left join reconciled
        on documents.document_id = reconciled.document_id

)

select * from final
order by province_code, plan_year, doc_kind, document_id, period_start_year, period_end_year
