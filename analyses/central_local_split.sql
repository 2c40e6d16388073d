{#- The central / local split of the programme's own (direct) funding per province,
    year, phase and capital type, with the central share (central / direct) and the
    local counterpart ratio (local / central, vốn đối ứng per đồng of central budget;
    Quyết định 39/2021/QĐ-TTg). capital_type 'all' adds both capital types and whatever
    the document does not split by capital type. The ratio is NULL where the document
    states no local amount (not stated is not zero). -#}
with

allocations as (

    select * from {{ ref('fct_budget_allocations') }}

),

provinces as (

    select * from {{ ref('dim_province') }}

),

direct_lines as (

    select
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        budget_phase,
        coalesce(capital_type, 'not stated') as capital_type,
        additive_amount_million_vnd,
        case
            when budget_level = 'central' then additive_amount_million_vnd
        end as central_million_vnd,
        case
            when budget_level in ('provincial', 'district', 'commune', 'local')
                then additive_amount_million_vnd
        end as local_million_vnd
    from allocations
    where funding_source = 'program'

),

by_capital_type as (

    select
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        budget_phase,
        capital_type,
        sum(additive_amount_million_vnd) as direct_million_vnd,
        sum(central_million_vnd) as central_million_vnd,
        sum(local_million_vnd) as local_million_vnd
    from direct_lines
    group by province_code, plan_year, period_start_year, period_end_year, budget_phase, capital_type

),

all_capital_types as (

    select
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        budget_phase,
        'all' as capital_type,
        sum(additive_amount_million_vnd) as direct_million_vnd,
        sum(central_million_vnd) as central_million_vnd,
        sum(local_million_vnd) as local_million_vnd
    from direct_lines
    group by province_code, plan_year, period_start_year, period_end_year, budget_phase

),

unioned as (

    select * from by_capital_type
    where capital_type <> 'not stated' or direct_million_vnd <> 0
    union all
    select * from all_capital_types

),

final as (

    select
        unioned.province_code,
        provinces.province_name,
        unioned.plan_year,
        unioned.period_start_year,
        unioned.period_end_year,
        unioned.budget_phase,
        unioned.capital_type,
        unioned.direct_million_vnd,
        unioned.central_million_vnd,
        unioned.local_million_vnd,
        unioned.direct_million_vnd
        - coalesce(unioned.central_million_vnd, 0)
        - coalesce(unioned.local_million_vnd, 0) as level_not_stated_million_vnd,
        unioned.central_million_vnd
        / nullif(unioned.direct_million_vnd, 0) as central_share,
        unioned.local_million_vnd
        / nullif(unioned.central_million_vnd, 0) as counterpart_ratio
    from unioned
    left join provinces
        on unioned.province_code = provinces.province_code

)

select * from final
order by province_code, plan_year, period_start_year, period_end_year, budget_phase, capital_type
