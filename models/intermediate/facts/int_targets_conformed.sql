{#- Targets with their codes resolved against the reference dimensions. A stated value that resolves to no
    dimension row is listed in `unresolved_columns`; such rows go to rpt_unresolved_codes, never silently to NULL. -#}
with

targets as (

    select * from {{ ref('stg_extracted__targets') }}

),

unit_variants as (

    select * from {{ ref('stg_reference__unit_variants') }}

),

provinces as (

    select * from {{ ref('stg_reference__provinces') }}

),

projects as (

    select * from {{ ref('stg_reference__projects') }}

),

sub_projects as (

    select * from {{ ref('stg_reference__sub_projects') }}

),

years as (

    select * from {{ ref('stg_reference__years') }}

),

programs as (

    select * from {{ ref('stg_reference__programs') }}

),

keyed as (

    select
        {{ ntp_surrogate_key(['targets.document_id', 'targets.source_file', 'targets.source_line',
                              'targets.span_start']) }} as target_id,
        case
            when targets.parent_span_start is not null
                then {{ ntp_surrogate_key(['targets.document_id', 'targets.source_file', 'targets.source_line',
                                           'targets.parent_span_start']) }}
        end as parent_target_id,
        targets.*
    from targets

),

resolved as (

    select
        keyed.*,
        unit_variants.unit_code,
        concat_ws(
            ', ',
            case when provinces.province_code is null then 'province_code' end,
            case when keyed.project_code is not null and projects.project_code is null then 'project_code' end,
            case
                when keyed.sub_project_code is not null and sub_projects.sub_project_code is null
                    then 'sub_project_code'
            end,
            case when unit_variants.unit_code is null then 'unit_raw' end,
            case when keyed.plan_year is not null and years.year is null then 'plan_year' end,
            case when programs.program_code is null then 'program_code' end
        ) as unresolved_columns
    from keyed
    left join unit_variants
        on keyed.unit_raw = unit_variants.unit_raw
    left join provinces
        on keyed.province_code = provinces.province_code
    left join projects
        on keyed.project_code = projects.project_code
    left join sub_projects
        on keyed.sub_project_code = sub_projects.sub_project_code
    left join years
        on keyed.plan_year = years.year
    left join programs
        on keyed.program_code = programs.program_code

),

final as (

    select
        *,
        unresolved_columns = '' as is_conformed
    from resolved

)

select * from final
