{#- Funding lines with stable ids, their parent's id and their codes resolved against the reference
    dimensions; a stated value that resolves to no dimension row is listed in `unresolved_columns`. -#}
with

lines as (

    select * from {{ ref('stg_extracted__funding_lines') }}

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
        {{ ntp_surrogate_key(['lines.document_id', 'lines.line_code']) }} as allocation_id,
        case
            when lines.parent_line_code is not null
                then {{ ntp_surrogate_key(['lines.document_id', 'lines.parent_line_code']) }}
        end as parent_allocation_id,
        lines.*
    from lines

),

resolved as (

    select
        keyed.*,
        concat_ws(
            ', ',
            case when provinces.province_code is null then 'province_code' end,
            case when keyed.project_code is not null and projects.project_code is null then 'project_code' end,
            case
                when keyed.sub_project_code is not null and sub_projects.sub_project_code is null
                    then 'sub_project_code'
            end,
            case when keyed.plan_year is not null and years.year is null then 'plan_year' end,
            case when programs.program_code is null then 'program_code' end
        ) as unresolved_columns
    from keyed
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
