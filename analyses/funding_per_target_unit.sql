{#- Money per unit of target, where a document states both for the same province, year
    (or period) and project: e.g. DA1 (housing, land, water) funding per household targeted. Funding
    is each phase's additive amount for the project; targets are top-level planned
    figures in units that add up. A row appears for every project target, with NULL
    money where no funding is stated for that project. -#}
with

allocations as (

    select * from {{ ref('fct_budget_allocations') }}

),

targets as (

    select * from {{ ref('fct_indicator_targets') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

project_funding as (

    select
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        project_code,
        budget_phase,
        sum(additive_amount_million_vnd) as funding_million_vnd
    from allocations
    where project_code is not null
    group by province_code, plan_year, period_start_year, period_end_year, project_code, budget_phase

),

project_targets as (

    select
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        project_code,
        unit_code,
        count(*) as n_figures,
        sum(target_value) as target_total
    from targets
    where
        project_code is not null
        and measure = 'target'
        and parent_target_id is null
        and quantity_kind in ('count', 'area', 'length', 'volume', 'mass')
    group by province_code, plan_year, period_start_year, period_end_year, project_code, unit_code

),

final as (

    select
        project_targets.province_code,
        provinces.province_name,
        project_targets.plan_year,
        project_targets.period_start_year,
        project_targets.period_end_year,
        project_targets.project_code,
        project_targets.unit_code,
        project_targets.n_figures,
        project_targets.target_total,
        project_funding.budget_phase,
        project_funding.funding_million_vnd,
        project_funding.funding_million_vnd
        / nullif(project_targets.target_total, 0) as million_vnd_per_unit
    from project_targets
    left join project_funding
        on
            project_targets.province_code = project_funding.province_code
            and project_targets.period_start_year = project_funding.period_start_year
            and project_targets.period_end_year = project_funding.period_end_year
            and project_targets.project_code = project_funding.project_code
    left join provinces
        on project_targets.province_code = provinces.province_code

)

select * from final
order by province_code, plan_year, period_start_year, period_end_year, project_code, unit_code, budget_phase
