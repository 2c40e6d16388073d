with

source as (

    select * from {{ ref('sub_projects') }}

),

renamed as (

    select
        cast(sub_project_code as varchar) as sub_project_code,
        cast(project_code as varchar) as project_code,
        cast(program_code as varchar) as program_code,
        cast(program_phase as varchar) as program_phase,
        cast(sub_project_number as integer) as sub_project_number,
        cast(sub_project_name_vi as varchar) as sub_project_name_vi,
        cast(sub_project_name_en as varchar) as sub_project_name_en
    from source

)

select * from renamed
