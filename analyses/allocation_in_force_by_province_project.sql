{#- What is each province's allocation now, after the adjustments, against the original,
    and how much of it was disbursed by when? Per province (and the province of the 34
    it is part of from 1 July 2025), year or period, project, capital type and budget
    level: the first stated allocation, the sum of the adjustments (điều chỉnh
    tăng/giảm), the amount in force, the change as a share of the original, the latest
    disbursed amount with the date it stands at (the earliest and latest dates when a
    project's sub-projects report at different dates) and the disbursement rate. Lines
    of the whole province (no district or commune); a project's line where the documents
    state one, else its sub-projects' lines added up; lines without a project are the
    province's totals (project 'all'). -#}
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
        program_code,
        province_code,
        period_start_year,
        period_end_year,
        project_group,
        coalesce(capital_type, 'not stated') as capital_type,
        coalesce(budget_level, 'not stated') as budget_level,
        sum(allocated_million_vnd) as allocated_million_vnd,
        sum(adjustment_million_vnd) as adjustment_million_vnd,
        sum(in_force_million_vnd) as in_force_million_vnd,
        sum(n_adjustments) as n_adjustments,
        sum(disbursed_million_vnd) as disbursed_million_vnd,
        sum(case when disbursed_million_vnd is not null then in_force_million_vnd end)
            as in_force_of_disbursed_lines_million_vnd,
        min(disbursed_as_of_date) as disbursed_as_of_date,
        max(disbursed_as_of_date) as latest_disbursed_as_of_date,
        count(*) as n_lines
    from chosen
    group by
        program_code, province_code, period_start_year, period_end_year, project_group, capital_type, budget_level

),

final as (

    select
        summed.program_code,
        summed.province_code,
        provinces.province_name,
        provinces.successor_province_name,
        case when summed.period_start_year = summed.period_end_year then summed.period_start_year end as plan_year,
        summed.period_start_year,
        summed.period_end_year,
        summed.project_group as project_code,
        summed.capital_type,
        summed.budget_level,
        summed.allocated_million_vnd,
        summed.adjustment_million_vnd,
        summed.in_force_million_vnd,
        summed.in_force_million_vnd - summed.allocated_million_vnd as change_million_vnd,
        (summed.in_force_million_vnd - summed.allocated_million_vnd)
        / nullif(summed.allocated_million_vnd, 0) as change_share,
        summed.n_adjustments,
        summed.disbursed_million_vnd,
        summed.disbursed_as_of_date,
        summed.latest_disbursed_as_of_date,
        summed.disbursed_million_vnd
        / nullif(summed.in_force_of_disbursed_lines_million_vnd, 0) as disbursement_rate,
        summed.n_lines
    from summed
    left join provinces
        on summed.province_code = provinces.province_code

)

select * from final
order by province_code, period_start_year, period_end_year, project_code, capital_type, budget_level
