with

provinces as (

    select * from {{ ref('stg_reference__provinces') }}

),

final as (

    select
        province_code,
        province_name,
        province_name_ascii,
        province_type,
        successor_province_name,
        valid_to,
        is_national
    from provinces

)

select * from final
