with

source as (

    select * from {{ ref('provinces') }}

),

renamed as (

    select
        cast(province_code as varchar) as province_code,
        cast(province_name as varchar) as province_name,
        cast(province_name_ascii as varchar) as province_name_ascii,
        cast(province_type as varchar) as province_type,
        cast(successor_province_name as varchar) as successor_province_name,
        cast(valid_to as date) as valid_to,
        cast(is_national as boolean) as is_national
    from source

)

select * from renamed
