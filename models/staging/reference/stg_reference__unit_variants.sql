with

source as (

    select * from {{ ref('unit_variants') }}

),

renamed as (

    select
        cast(unit_raw as {{ ntp_type_string() }}) as unit_raw,
        cast(unit_code as {{ ntp_type_string() }}) as unit_code
    from source

)

select * from renamed
