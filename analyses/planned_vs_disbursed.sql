{#- What did a province plan, and what do news reports (and progress reports) say was
    disbursed? Per province and year: the planned amount in plans and decisions, the
    planned amount news items quote, the amounts news items and progress reports give as
    disbursed, and the disbursement rate against the plan (or, without a plan, against
    the planned amount the news quotes). Each amount counted once. -#}
with

allocations as (

    select * from {{ ref('fct_budget_allocations') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

lines as (

    select
        allocations.province_code,
        allocations.plan_year,
        allocations.period_start_year,
        allocations.period_end_year,
        allocations.budget_phase,
        documents.doc_kind,
        allocations.document_id,
        allocations.additive_amount_million_vnd
    from allocations
    inner join documents
        on allocations.document_id = documents.document_id

),

per_province_year as (

    select
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        sum(
            case
                when
                    budget_phase = 'planned'
                    and doc_kind not in ('news', 'progress_report')
                    then additive_amount_million_vnd
            end
        ) as planned_in_plans_million_vnd,
        sum(
            case
                when budget_phase = 'planned' and doc_kind = 'news'
                    then additive_amount_million_vnd
            end
        ) as planned_in_news_million_vnd,
        sum(
            case
                when budget_phase = 'disbursed' and doc_kind = 'news'
                    then additive_amount_million_vnd
            end
        ) as disbursed_in_news_million_vnd,
        sum(
            case
                when budget_phase = 'disbursed' and doc_kind = 'progress_report'
                    then additive_amount_million_vnd
            end
        ) as disbursed_in_reports_million_vnd,
        count(distinct case when doc_kind = 'news' then document_id end) as n_news_items
    from lines
    group by province_code, plan_year, period_start_year, period_end_year

),

final as (

    select
        per_province_year.province_code,
        provinces.province_name,
        per_province_year.plan_year,
        per_province_year.period_start_year,
        per_province_year.period_end_year,
        per_province_year.planned_in_plans_million_vnd,
        per_province_year.planned_in_news_million_vnd,
        per_province_year.disbursed_in_news_million_vnd,
        per_province_year.disbursed_in_reports_million_vnd,
        per_province_year.n_news_items,
        coalesce(
            per_province_year.disbursed_in_news_million_vnd,
            per_province_year.disbursed_in_reports_million_vnd
        ) / nullif(
            coalesce(
                per_province_year.planned_in_plans_million_vnd,
                per_province_year.planned_in_news_million_vnd
            ),
            0
        ) as disbursement_rate
    from per_province_year
    left join provinces
        on per_province_year.province_code = provinces.province_code

)

select * from final
order by province_code, plan_year, period_start_year, period_end_year
