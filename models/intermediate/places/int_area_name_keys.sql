{#- The keys a place named in a document is matched on: each name key (ntp_place_key) and, as a last resort, each
    spelling key (ntp_place_fold_key), within a province (scope_code = the province's code) and, for communes,
    within their district too (scope_code = the district's code: "Phường 1" of a district's own document), with
    how many districts and communes of the scope have the key and their code when there is exactly one. -#}
with

areas as (

    select * from {{ ref('int_areas_unioned') }}

),

scoped as (

    select
        province_code as scope_code,
        province_code,
        area_level,
        area_code,
        area_name
    from areas

    union all

    select
        district_code as scope_code,
        province_code,
        area_level,
        area_code,
        area_name
    from areas
    where area_level = 'commune'

),

keyed as (

    select
        scope_code,
        province_code,
        area_level,
        area_code,
        'name' as key_kind,
        {{ ntp_place_key('area_name') }} as place_key
    from scoped

    union all

    select
        scope_code,
        province_code,
        area_level,
        area_code,
        'spelling' as key_kind,
        {{ ntp_place_fold_key('area_name') }} as place_key
    from scoped

),

final as (

    select
        scope_code,
        province_code,
        key_kind,
        place_key,
        sum(case when area_level = 'district' then 1 else 0 end) as n_districts,
        sum(case when area_level = 'commune' then 1 else 0 end) as n_communes,
        min(case when area_level = 'district' then area_code end) as district_area_code,
        min(case when area_level = 'commune' then area_code end) as commune_area_code
    from keyed
    group by scope_code, province_code, key_kind, place_key

)

select * from final
