with

source as (

    select * from {{ ref('sub_projects') }}

),

renamed as (

    select
        cast(sub_project_code as {{ ntp_type_string() }}) as sub_project_code,
        cast(project_code as {{ ntp_type_string() }}) as project_code,
        cast(program_code as {{ ntp_type_string() }}) as program_code,
        cast(program_phase as {{ ntp_type_string() }}) as program_phase,
        cast(sub_project_number as integer) as sub_project_number,
        cast(sub_project_name_vi as {{ ntp_type_string() }}) as sub_project_name_vi,
        cast(sub_project_name_en as {{ ntp_type_string() }}) as sub_project_name_en
    from source

)

select * from renamed
