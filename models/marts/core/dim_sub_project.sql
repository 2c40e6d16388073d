with

sub_projects as (

    select * from {{ ref('stg_reference__sub_projects') }}

),

final as (

    select
        sub_project_code,
        project_code,
        sub_project_number,
        sub_project_name_vi,
        sub_project_name_en,
        program_code,
        program_phase
    from sub_projects

)

select * from final
