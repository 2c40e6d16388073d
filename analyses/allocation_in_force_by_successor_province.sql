{#- The allocation in force restated to the 34 provinces that exist from 1 July 2025
    (Nghị quyết 202/2025/QH15): per province of the 34, year or period, project, capital
    type and budget level, the allocations, adjustments, amounts in force and disbursed
    amounts of the former provinces it is made of, added up (lines of the whole
    province, chosen as in allocation_in_force_by_province_project), with the former
    provinces named and the disbursement rate recomputed on the sums. -#}
with

in_force as (

    select * from {{ ref('fct_allocation_in_force') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

province_lines as (

    select
        *,
        coalesce(top_project_code, 'all') as project_group,
        case when sub_project_code is null then 0 else 1 end as is_sub_project_line
    from in_force
    where area_code is null and area_name is null

),

project_levels as (

    select
        program_code,
        province_code,
        period_start_year,
        period_end_year,
        project_group,
        capital_type,
        budget_level,
        min(is_sub_project_line) as finest_level_needed
    from province_lines
    group by
        program_code, province_code, period_start_year, period_end_year, project_group, capital_type, budget_level

),

chosen as (

    select province_lines.*
    from province_lines
    inner join project_levels
        on
            province_lines.program_code = project_levels.program_code
            and province_lines.province_code = project_levels.province_code
            and coalesce(province_lines.period_start_year, 0) = coalesce(project_levels.period_start_year, 0)
            and coalesce(province_lines.period_end_year, 0) = coalesce(project_levels.period_end_year, 0)
            and province_lines.project_group = project_levels.project_group
            and coalesce(province_lines.capital_type, '') = coalesce(project_levels.capital_type, '')
            and coalesce(province_lines.budget_level, '') = coalesce(project_levels.budget_level, '')
            and province_lines.is_sub_project_line = project_levels.finest_level_needed

),

summed as (

    select
        provinces.successor_province_name,
        chosen.program_code,
        chosen.period_start_year,
        chosen.period_end_year,
        chosen.project_group,
        coalesce(chosen.capital_type, 'not stated') as capital_type,
        coalesce(chosen.budget_level, 'not stated') as budget_level,
        sum(chosen.allocated_million_vnd) as allocated_million_vnd,
        sum(chosen.adjustment_million_vnd) as adjustment_million_vnd,
        sum(chosen.in_force_million_vnd) as in_force_million_vnd,
        sum(chosen.disbursed_million_vnd) as disbursed_million_vnd,
        sum(case when chosen.disbursed_million_vnd is not null then chosen.in_force_million_vnd end)
            as in_force_of_disbursed_lines_million_vnd,
        count(distinct chosen.province_code) as n_former_provinces,
        {{ ntp_string_agg('provinces.province_name', ', ', 'provinces.province_name') }} as former_provinces
    from chosen
    inner join provinces
        on chosen.province_code = provinces.province_code
    group by
        provinces.successor_province_name,
        chosen.program_code,
        chosen.period_start_year,
        chosen.period_end_year,
        chosen.project_group,
        coalesce(chosen.capital_type, 'not stated'),
        coalesce(chosen.budget_level, 'not stated')

),

final as (

    select
        successor_province_name,
        program_code,
        case when period_start_year = period_end_year then period_start_year end as plan_year,
        period_start_year,
        period_end_year,
        project_group as project_code,
        capital_type,
        budget_level,
        allocated_million_vnd,
        adjustment_million_vnd,
        in_force_million_vnd,
        disbursed_million_vnd,
        disbursed_million_vnd / nullif(in_force_of_disbursed_lines_million_vnd, 0) as disbursement_rate,
        n_former_provinces,
        former_provinces
    from summed

)

select * from final
order by successor_province_name, period_start_year, period_end_year, project_code, capital_type, budget_level
