with

source as (

    select * from {{ ref('years') }}

),

renamed as (

    select
        cast(year as integer) as year,
        cast(program_phase as {{ ntp_type_string() }}) as program_phase,
        cast(phase_label as {{ ntp_type_string() }}) as phase_label
    from source

)

select * from renamed
