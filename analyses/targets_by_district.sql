{#- What is planned and achieved in each district? Per district (its province, and the
    province of the 34 it is part of from 1 July 2025), year or period, project, unit
    and measure (target, result, baseline): the number of figures and, for units that add
    up (counts, areas, lengths, volumes, masses), their total. A commune's figures count
    for its district unless they are parts of a figure of that district (counted once,
    in the district's). -#}
with

targets as (

    select * from {{ ref('fct_indicator_targets') }}

),

areas as (

    select * from {{ ref('dim_area') }}

),

located as (

    select
        targets.*,
        areas.area_level,
        areas.district_code
    from targets
    inner join areas
        on targets.area_code = areas.area_code

),

counted as (

    select located.*
    from located
    left join located as whole
        on
            located.parent_target_id = whole.target_id
            and located.district_code = whole.district_code
    where whole.target_id is null

),

summed as (

    select
        program_code,
        province_code,
        district_code,
        period_start_year,
        period_end_year,
        coalesce(project_code, 'all') as project_code,
        unit_code,
        quantity_kind,
        measure,
        count(*) as n_figures,
        sum(case when area_level = 'commune' then 1 else 0 end) as n_commune_figures,
        sum(
            case
                when quantity_kind in ('count', 'area', 'length', 'volume', 'mass') then target_value
            end
        ) as total_value
    from counted
    group by
        program_code,
        province_code,
        district_code,
        period_start_year,
        period_end_year,
        coalesce(project_code, 'all'),
        unit_code,
        quantity_kind,
        measure

),

final as (

    select
        summed.program_code,
        summed.province_code,
        districts.province_name,
        districts.successor_province_name,
        summed.district_code,
        districts.area_name as district_name,
        case when summed.period_start_year = summed.period_end_year then summed.period_start_year end as plan_year,
        summed.period_start_year,
        summed.period_end_year,
        summed.project_code,
        summed.unit_code,
        summed.quantity_kind,
        summed.measure,
        summed.n_figures,
        summed.n_commune_figures,
        summed.total_value
    from summed
    inner join areas as districts
        on summed.district_code = districts.area_code

)

select * from final
order by province_code, district_code, period_start_year, period_end_year, project_code, unit_code, measure
