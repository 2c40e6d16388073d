{#- Coverage: for every province and year that has a document, and every project of the
    programme, how many planned figures and money amounts are stated. Shows which
    projects a province's documents say nothing about (provinces do not run every
    project). -#}
with

documents as (

    select * from {{ ref('dim_document') }}

),

projects as (

    select * from {{ ref('dim_project') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

targets as (

    select * from {{ ref('fct_indicator_targets') }}

),

allocations as (

    select * from {{ ref('fct_budget_allocations') }}

),

province_years as (

    select distinct
        province_code,
        plan_year
    from documents
    where plan_year is not null

),

programme_projects as (

    select
        project_code,
        project_number,
        project_name_en
    from projects
    where program_code = '{{ var("default_program_code") }}'

),

target_counts as (

    select
        province_code,
        plan_year,
        project_code,
        count(*) as n_figures,
        sum(case when measure = 'target' then 1 else 0 end) as n_targets,
        sum(case when measure = 'result' then 1 else 0 end) as n_results
    from targets
    group by province_code, plan_year, project_code

),

funding_counts as (

    select
        province_code,
        plan_year,
        project_code,
        count(*) as n_funding_lines
    from allocations
    group by province_code, plan_year, project_code

),

final as (

    select
        province_years.province_code,
        provinces.province_name,
        province_years.plan_year,
        programme_projects.project_code,
        programme_projects.project_name_en,
        coalesce(target_counts.n_figures, 0) as n_figures,
        coalesce(target_counts.n_targets, 0) as n_targets,
        coalesce(target_counts.n_results, 0) as n_results,
        coalesce(funding_counts.n_funding_lines, 0) as n_funding_lines,
        coalesce(target_counts.n_figures, 0) > 0 as has_figures,
        coalesce(funding_counts.n_funding_lines, 0) > 0 as has_funding
    from province_years
    cross join programme_projects
    left join provinces
        on province_years.province_code = provinces.province_code
    left join target_counts
        on
            province_years.province_code = target_counts.province_code
            and province_years.plan_year = target_counts.plan_year
            and programme_projects.project_code = target_counts.project_code
    left join funding_counts
        on
            province_years.province_code = funding_counts.province_code
            and province_years.plan_year = funding_counts.plan_year
            and programme_projects.project_code = funding_counts.project_code

)

select * from final
order by province_code, plan_year, project_code
