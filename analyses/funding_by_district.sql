{#- How much went to each district? Per district (its province, and the province of the
    34 it is part of from 1 July 2025), year or period, project, capital type and budget
    level: the allocation, the adjustments, the amount in force, the latest disbursed
    amount with its date and the disbursement rate (fct_allocation_in_force, each line
    once however many documents state it). A commune's lines count for its district
    where the documents state no line for the district itself. -#}
with

in_force as (

    select * from {{ ref('fct_allocation_in_force') }}

),

areas as (

    select * from {{ ref('dim_area') }}

),

located as (

    select
        in_force.*,
        areas.area_level,
        areas.district_code
    from in_force
    inner join areas
        on in_force.area_code = areas.area_code

),

district_lines as (

    select * from located
    where area_level = 'district'

),

commune_lines as (

    select commune.*
    from located as commune
    left join district_lines
        on
            commune.district_code = district_lines.district_code
            and commune.program_code = district_lines.program_code
            and coalesce(commune.period_start_year, 0) = coalesce(district_lines.period_start_year, 0)
            and coalesce(commune.period_end_year, 0) = coalesce(district_lines.period_end_year, 0)
            and coalesce(commune.project_code, '') = coalesce(district_lines.project_code, '')
            and coalesce(commune.capital_type, '') = coalesce(district_lines.capital_type, '')
            and coalesce(commune.budget_level, '') = coalesce(district_lines.budget_level, '')
    where commune.area_level = 'commune' and district_lines.in_force_id is null

),

counted as (

    select * from district_lines
    union all
    select * from commune_lines

),

summed as (

    select
        program_code,
        province_code,
        district_code,
        period_start_year,
        period_end_year,
        coalesce(project_code, 'all') as project_code,
        coalesce(capital_type, 'not stated') as capital_type,
        coalesce(budget_level, 'not stated') as budget_level,
        sum(allocated_million_vnd) as allocated_million_vnd,
        sum(adjustment_million_vnd) as adjustment_million_vnd,
        sum(in_force_million_vnd) as in_force_million_vnd,
        sum(disbursed_million_vnd) as disbursed_million_vnd,
        sum(case when disbursed_million_vnd is not null then in_force_million_vnd end)
            as in_force_of_disbursed_lines_million_vnd,
        max(disbursed_as_of_date) as disbursed_as_of_date,
        sum(case when area_level = 'commune' then 1 else 0 end) as n_commune_lines,
        count(*) as n_lines
    from counted
    group by
        program_code,
        province_code,
        district_code,
        period_start_year,
        period_end_year,
        coalesce(project_code, 'all'),
        coalesce(capital_type, 'not stated'),
        coalesce(budget_level, 'not stated')

),

final as (

    select
        summed.program_code,
        summed.province_code,
        districts.province_name,
        districts.successor_province_name,
        summed.district_code,
        districts.area_name as district_name,
        districts.area_type as district_type,
        case when summed.period_start_year = summed.period_end_year then summed.period_start_year end as plan_year,
        summed.period_start_year,
        summed.period_end_year,
        summed.project_code,
        summed.capital_type,
        summed.budget_level,
        summed.allocated_million_vnd,
        summed.adjustment_million_vnd,
        summed.in_force_million_vnd,
        summed.disbursed_million_vnd,
        summed.disbursed_as_of_date,
        summed.disbursed_million_vnd
        / nullif(summed.in_force_of_disbursed_lines_million_vnd, 0) as disbursement_rate,
        summed.n_commune_lines,
        summed.n_lines
    from summed
    inner join areas as districts
        on summed.district_code = districts.area_code

)

select * from final
order by province_code, district_code, period_start_year, period_end_year, project_code, capital_type, budget_level
