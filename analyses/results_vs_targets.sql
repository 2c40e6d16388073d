{#- What was achieved against what was planned? Per province, year, project and unit:
    the planned figures (measure target) and the reported achievements (measure result),
    top-level figures only, in units that add up, with the achievement rate where both
    are stated. -#}
with

targets as (

    select * from {{ ref('fct_indicator_targets') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

additive_figures as (

    select *
    from targets
    where
        parent_target_id is null
        and measure in ('target', 'result')
        and quantity_kind in ('count', 'area', 'length', 'volume', 'mass')

),

summed as (

    select
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        project_code,
        unit_code,
        sum(case when measure = 'target' then target_value end) as planned_value,
        sum(case when measure = 'result' then target_value end) as achieved_value,
        sum(case when measure = 'target' then 1 else 0 end) as n_target_figures,
        sum(case when measure = 'result' then 1 else 0 end) as n_result_figures
    from additive_figures
    group by province_code, plan_year, period_start_year, period_end_year, project_code, unit_code

),

final as (

    select
        summed.province_code,
        provinces.province_name,
        summed.plan_year,
        summed.period_start_year,
        summed.period_end_year,
        summed.project_code,
        summed.unit_code,
        summed.n_target_figures,
        summed.planned_value,
        summed.n_result_figures,
        summed.achieved_value,
        summed.achieved_value / nullif(summed.planned_value, 0) as achievement_rate
    from summed
    left join provinces
        on summed.province_code = provinces.province_code

)

select * from final
order by province_code, plan_year, period_start_year, period_end_year, project_code, unit_code
