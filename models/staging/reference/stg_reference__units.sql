with

source as (

    select * from {{ ref('units') }}

),

renamed as (

    select
        cast(unit_code as {{ ntp_type_string() }}) as unit_code,
        cast(quantity_kind as {{ ntp_type_string() }}) as quantity_kind,
        cast(unit_name_vi as {{ ntp_type_string() }}) as unit_name_vi,
        cast(unit_name_en as {{ ntp_type_string() }}) as unit_name_en
    from source

)

select * from renamed
