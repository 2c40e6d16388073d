with

source as (

    select * from {{ ref('units') }}

),

renamed as (

    select
        cast(unit_code as varchar) as unit_code,
        cast(quantity_kind as varchar) as quantity_kind,
        cast(unit_name_vi as varchar) as unit_name_vi,
        cast(unit_name_en as varchar) as unit_name_en
    from source

)

select * from renamed
