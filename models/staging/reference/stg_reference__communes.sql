with

source as (

    select * from {{ ref('communes') }}

),

renamed as (

    select
        cast(commune_code as varchar) as commune_code,
        cast(district_code as varchar) as district_code,
        cast(province_code as varchar) as province_code,
        cast(commune_name as varchar) as commune_name,
        cast(commune_type as varchar) as commune_type
    from source

)

select * from renamed
