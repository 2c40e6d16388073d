with

source as (

    select * from {{ ref('projects') }}

),

renamed as (

    select
        cast(project_code as varchar) as project_code,
        cast(program_code as varchar) as program_code,
        cast(program_phase as varchar) as program_phase,
        cast(project_number as integer) as project_number,
        cast(project_name_vi as varchar) as project_name_vi,
        cast(project_name_en as varchar) as project_name_en
    from source

)

select * from renamed
