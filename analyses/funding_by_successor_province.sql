{#- Funding restated to the 34 provinces that exist from 1 July 2025 (Nghị quyết
    202/2025/QH15): the old provinces' amounts added into the province each became part
    of, per year, phase and budget level. -#}
with

allocations as (

    select * from {{ ref('fct_budget_allocations') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

restated as (

    select
        provinces.successor_province_name,
        provinces.province_name,
        allocations.plan_year,
        allocations.period_start_year,
        allocations.period_end_year,
        allocations.budget_phase,
        coalesce(allocations.budget_level, 'not stated') as budget_level,
        allocations.additive_amount_million_vnd
    from allocations
    inner join provinces
        on allocations.province_code = provinces.province_code

),

by_former_province as (

    select
        successor_province_name,
        province_name,
        plan_year,
        period_start_year,
        period_end_year,
        budget_phase,
        budget_level,
        sum(additive_amount_million_vnd) as funding_million_vnd
    from restated
    group by
        successor_province_name, province_name, plan_year, period_start_year, period_end_year, budget_phase,
        budget_level

),

final as (

    select
        successor_province_name,
        plan_year,
        period_start_year,
        period_end_year,
        budget_phase,
        budget_level,
        sum(funding_million_vnd) as funding_million_vnd,
        count(*) as n_former_provinces,
        {{ ntp_string_agg('province_name', ', ', 'province_name') }}
            as former_provinces
    from by_former_province
    group by successor_province_name, plan_year, period_start_year, period_end_year, budget_phase, budget_level

)

select * from final
order by successor_province_name, plan_year, period_start_year, period_end_year, budget_phase, budget_level
