with

areas as (

    select * from {{ ref('int_areas_unioned') }}

),

provinces as (

    select * from {{ ref('stg_reference__provinces') }}

),

final as (

    select
        areas.area_code,
        areas.area_level,
        areas.area_name,
        areas.area_type,
        areas.district_code,
        areas.district_name,
        areas.province_code,
        provinces.province_name,
        provinces.successor_province_name,
        areas.successor_commune_code,
        areas.successor_commune_name,
        areas.successor_commune_type,
        areas.is_successor_split
    from areas
    inner join provinces
        on areas.province_code = provinces.province_code

)

select * from final
