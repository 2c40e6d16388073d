{#- Every district and commune of the gazetteer as one list of areas (the rows of dim_area): its level, name,
    type, district, province and, for a commune, the commune of 1 July 2025 it became part of. -#}
with

districts as (

    select * from {{ ref('stg_reference__districts') }}

),

communes as (

    select * from {{ ref('stg_reference__communes') }}

),

final as (

    select
        district_code as area_code,
        'district' as area_level,
        district_name as area_name,
        district_type as area_type,
        district_code,
        district_name,
        province_code,
        cast(null as {{ ntp_type_string() }}) as successor_commune_code,
        cast(null as {{ ntp_type_string() }}) as successor_commune_name,
        cast(null as {{ ntp_type_string() }}) as successor_commune_type,
        cast(null as boolean) as is_successor_split
    from districts

    union all

    select
        communes.commune_code as area_code,
        'commune' as area_level,
        communes.commune_name as area_name,
        communes.commune_type as area_type,
        communes.district_code,
        districts.district_name,
        communes.province_code,
        communes.successor_commune_code,
        communes.successor_commune_name,
        communes.successor_commune_type,
        communes.is_successor_split
    from communes
    inner join districts
        on communes.district_code = districts.district_code

)

select * from final
