with

source as (

    select * from {{ ref('provinces') }}

),

renamed as (

    select
        cast(province_code as {{ ntp_type_string() }}) as province_code,
        cast(province_name as {{ ntp_type_string() }}) as province_name,
        cast(province_name_ascii as {{ ntp_type_string() }}) as province_name_ascii,
        cast(province_type as {{ ntp_type_string() }}) as province_type,
        cast(successor_province_name as {{ ntp_type_string() }}) as successor_province_name,
        cast(valid_to as date) as valid_to,
        cast(is_national as boolean) as is_national
    from source

)

select * from renamed
