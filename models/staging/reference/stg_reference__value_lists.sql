with

source as (

    select * from {{ ref('value_lists') }}

),

renamed as (

    select
        cast(list_name as {{ ntp_type_string() }}) as list_name,
        cast(value as {{ ntp_type_string() }}) as value,  -- noqa: RF04
        cast(description as {{ ntp_type_string() }}) as description
    from source

)

select * from renamed
