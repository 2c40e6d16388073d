with

source as (

    select * from {{ ref('years') }}

),

renamed as (

    select
        cast(year as integer) as year,
        cast(program_phase as varchar) as program_phase,
        cast(phase_label as varchar) as phase_label
    from source

)

select * from renamed
