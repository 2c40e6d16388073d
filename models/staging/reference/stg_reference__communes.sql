with

source as (

    select * from {{ ref('communes') }}

),

renamed as (

    select
        cast(commune_code as {{ ntp_type_string() }}) as commune_code,
        cast(district_code as {{ ntp_type_string() }}) as district_code,
        cast(province_code as {{ ntp_type_string() }}) as province_code,
        cast(commune_name as {{ ntp_type_string() }}) as commune_name,
        cast(lower(nullif(commune_type, '')) as {{ ntp_type_string() }}) as commune_type,
        cast(successor_commune_code as {{ ntp_type_string() }}) as successor_commune_code,
        cast(successor_commune_name as {{ ntp_type_string() }}) as successor_commune_name,
        cast(lower(successor_commune_type) as {{ ntp_type_string() }}) as successor_commune_type,
        cast(is_successor_split as boolean) as is_successor_split
    from source

)

select * from renamed
