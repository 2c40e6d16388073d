with

source as (

    select * from {{ ref('districts') }}

),

renamed as (

    select
        cast(district_code as {{ ntp_type_string() }}) as district_code,
        cast(province_code as {{ ntp_type_string() }}) as province_code,
        cast(district_name as {{ ntp_type_string() }}) as district_name,
        cast(lower(district_type) as {{ ntp_type_string() }}) as district_type
    from source

)

select * from renamed
