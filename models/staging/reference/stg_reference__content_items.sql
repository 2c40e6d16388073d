with

source as (

    select * from {{ ref('content_items') }}

),

renamed as (

    select
        cast(content_item_code as {{ ntp_type_string() }}) as content_item_code,
        cast(sub_project_code as {{ ntp_type_string() }}) as sub_project_code,
        cast(content_code as {{ ntp_type_string() }}) as content_code,
        cast(content_number as integer) as content_number,
        cast(content_name_vi as {{ ntp_type_string() }}) as content_name_vi,
        cast(content_name_en as {{ ntp_type_string() }}) as content_name_en,
        cast(is_confirmed as boolean) as is_confirmed
    from source

)

select * from renamed
