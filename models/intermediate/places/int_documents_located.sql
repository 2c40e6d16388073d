{#- Documents with the GSO code of the district or commune that issued them (a district's plan, a district news
    item): its area name resolved within the document's province at the document's level; and the district a
    commune's place names are first looked for in (the document's own district, or its commune's). Each row is its
    document's own, resolved against the reference areas alone: refreshed document by document. -#}
{{ config(**ntp_per_document_config()) }}

with

documents as (

    select * from {{ ref('stg_extracted__documents') }} {{ ntp_only_replaced_documents() }}

),

area_keys as (

    select * from {{ ref('int_area_name_keys') }}

),

areas as (

    select * from {{ ref('int_areas_unioned') }}

),

resolved as (

    select
        documents.*,
        case
            when documents.admin_level in ('district', 'commune')
                then coalesce(
                        {{ ntp_area_pick('by_name', 'documents.admin_level') }},
                        case
                            when {{ ntp_area_candidates('by_name', 'documents.admin_level') }} = 0
                                then {{ ntp_area_pick('by_spelling', 'documents.admin_level') }}
                        end
                    )
        end as area_code
    from documents
    left join area_keys as by_name
        on
            documents.province_code = by_name.scope_code
            and by_name.key_kind = 'name'
            and {{ ntp_place_key('documents.area_name') }} = by_name.place_key
    left join area_keys as by_spelling
        on
            documents.province_code = by_spelling.scope_code
            and by_spelling.key_kind = 'spelling'
            and {{ ntp_place_fold_key('documents.area_name') }} = by_spelling.place_key

),

final as (

    select
        resolved.*,
        areas.district_code as area_district_code
    from resolved
    left join areas
        on resolved.area_code = areas.area_code

)

select * from final
