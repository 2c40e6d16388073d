with

source as (

    select * from {{ ref('projects') }}

),

renamed as (

    select
        cast(project_code as {{ ntp_type_string() }}) as project_code,
        cast(program_code as {{ ntp_type_string() }}) as program_code,
        cast(program_phase as {{ ntp_type_string() }}) as program_phase,
        cast(project_number as integer) as project_number,
        cast(project_name_vi as {{ ntp_type_string() }}) as project_name_vi,
        cast(project_name_en as {{ ntp_type_string() }}) as project_name_en
    from source

)

select * from renamed
