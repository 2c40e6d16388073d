with

source as (

    select * from {{ ref('districts') }}

),

renamed as (

    select
        cast(district_code as varchar) as district_code,
        cast(province_code as varchar) as province_code,
        cast(district_name as varchar) as district_name,
        cast(district_type as varchar) as district_type
    from source

)

select * from renamed
