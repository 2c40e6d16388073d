with

source as (

    select * from {{ ref('programs') }}

),

renamed as (

    select
        cast(program_code as {{ ntp_type_string() }}) as program_code,
        cast(program_name_vi as {{ ntp_type_string() }}) as program_name_vi,
        cast(program_name_en as {{ ntp_type_string() }}) as program_name_en,
        cast(legal_basis as {{ ntp_type_string() }}) as legal_basis,
        cast(period_start_year as integer) as period_start_year,
        cast(period_end_year as integer) as period_end_year
    from source

)

select * from renamed
