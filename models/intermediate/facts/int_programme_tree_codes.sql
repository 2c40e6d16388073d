{#- Every code of the programme tree a funding line can be attributed to: the projects and their sub-projects
    (a funding line's project_code is its most specific code). -#}
with

projects as (

    select * from {{ ref('stg_reference__projects') }}

),

sub_projects as (

    select * from {{ ref('stg_reference__sub_projects') }}

),

final as (

    select
        project_code as tree_code,
        project_code
    from projects

    union all

    select
        sub_project_code as tree_code,
        project_code
    from sub_projects

)

select * from final
