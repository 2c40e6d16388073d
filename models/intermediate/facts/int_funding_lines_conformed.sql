{#- Funding lines with stable ids, the id of their parent line, and the district or commune they are about as a
    GSO code: the loaders' code from the text, else the one area the line's place name resolves to in the
    document's own district or its province (at the document's level when the line inherits the document's own
    area). -#}
{{ config(**ntp_per_document_config()) }}

with

lines as (

    select * from {{ ref('stg_extracted__funding_lines') }} {{ ntp_only_replaced_documents() }}

),

documents as (

    select * from {{ ref('int_documents_located') }}

),

area_keys as (

    select * from {{ ref('int_area_name_keys') }}

),

located as (

    select
        lines.*,
        case
            when
                lines.area_name = documents.area_name
                and documents.admin_level in ('district', 'commune')
                then documents.admin_level
        end as area_level_hint,
        documents.area_district_code as document_district_code
    from lines
    left join documents
        on lines.document_id = documents.document_id

),

final as (

    select
        {{ ntp_surrogate_key(['located.document_id', 'located.line_code']) }} as allocation_id,
        case
            when located.parent_line_code is not null
                then {{ ntp_surrogate_key(['located.document_id', 'located.parent_line_code']) }}
        end as parent_allocation_id,
        located.*,
        {{ ntp_area_resolution('located', 'located.area_level_hint') }}
    from located
    {{ ntp_area_key_joins(
        'area_keys', 'located.area_name', 'located.province_code', 'located.document_district_code'
    ) }}

)

select * from final
