{#- What does each province plan under each project, in each unit? Top-level figures
    only (a district's part of a province figure is not counted twice); values are added
    only for units that add up (counts, areas, lengths, volumes, masses), while
    percentages and rates show their range. -#}
with

targets as (

    select * from {{ ref('fct_indicator_targets') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

projects as (

    select * from {{ ref('dim_project') }}

),

top_level_targets as (

    select *
    from targets
    where
        measure = 'target'
        and parent_target_id is null

),

summed as (

    select
        project_code,
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        unit_code,
        quantity_kind,
        count(*) as n_figures,
        count(distinct document_id) as n_documents,
        min(target_value) as min_value,
        max(target_value) as max_value,
        case
            when quantity_kind in ('count', 'area', 'length', 'volume', 'mass')
                then sum(target_value)
        end as total_value
    from top_level_targets
    group by project_code, province_code, plan_year, period_start_year, period_end_year, unit_code, quantity_kind

),

final as (

    select
        summed.project_code,
        coalesce(
            projects.project_name_en, 'not stated (whole programme)'
        ) as project_name_en,
        summed.province_code,
        provinces.province_name,
        summed.plan_year,
        summed.period_start_year,
        summed.period_end_year,
        summed.unit_code,
        summed.quantity_kind,
        summed.n_figures,
        summed.n_documents,
        summed.total_value,
        summed.min_value,
        summed.max_value
    from summed
    left join provinces
        on summed.province_code = provinces.province_code
    left join projects
        on summed.project_code = projects.project_code

)

select * from final
order by project_code, province_code, plan_year, period_start_year, period_end_year, unit_code
