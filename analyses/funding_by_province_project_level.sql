{#- How much money is stated for each province and year, by phase, project, capital type
    and budget level? Each amount is counted once (additive_amount_million_vnd), at the
    finest level the document states it; lines fully split into parts carry nothing
    themselves and are left out. -#}
with

allocations as (

    select * from {{ ref('fct_budget_allocations') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

projects as (

    select * from {{ ref('dim_project') }}

),

counted_lines as (

    select *
    from allocations
    where not (has_parts and additive_amount_million_vnd = 0)

),

summed as (

    select
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        budget_phase,
        project_code,
        capital_type,
        budget_level,
        funding_source,
        sum(additive_amount_million_vnd) as funding_million_vnd,
        count(*) as n_lines,
        count(distinct document_id) as n_documents
    from counted_lines
    group by
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        budget_phase,
        project_code,
        capital_type,
        budget_level,
        funding_source

),

final as (

    select
        summed.province_code,
        provinces.province_name,
        summed.plan_year,
        summed.period_start_year,
        summed.period_end_year,
        summed.budget_phase,
        summed.project_code,
        coalesce(
            projects.project_name_en, 'not stated (whole programme)'
        ) as project_name_en,
        coalesce(summed.capital_type, 'not stated') as capital_type,
        coalesce(summed.budget_level, 'not stated') as budget_level,
        coalesce(summed.funding_source, 'not stated') as funding_source,
        summed.funding_million_vnd,
        summed.n_lines,
        summed.n_documents
    from summed
    left join provinces
        on summed.province_code = provinces.province_code
    left join projects
        on summed.project_code = projects.project_code

)

select * from final
order by
    province_code, plan_year, period_start_year, period_end_year, budget_phase, project_code, capital_type, budget_level
