with

source as (

    select * from {{ ref('unit_variants') }}

),

renamed as (

    select
        cast(unit_raw as varchar) as unit_raw,
        cast(unit_code as varchar) as unit_code
    from source

)

select * from renamed
