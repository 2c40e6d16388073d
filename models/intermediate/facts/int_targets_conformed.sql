{#- Targets with stable ids, the id of the figure they break down (district parts of a province figure), their
    unit conformed to the reference list of units, and the district or commune they are about as a GSO code: the
    loaders' code from the text, else the one area at the figure's level its place name resolves to in the
    document's own district or its province. -#}
{{ config(**ntp_per_document_config()) }}

with

targets as (

    select * from {{ ref('stg_extracted__targets') }} {{ ntp_only_replaced_documents() }}

),

unit_variants as (

    select * from {{ ref('stg_reference__unit_variants') }}

),

units as (

    select * from {{ ref('stg_reference__units') }}

),

area_keys as (

    select * from {{ ref('int_area_name_keys') }}

),

documents as (

    select * from {{ ref('int_documents_located') }}

),

keyed as (

    select
        {{ ntp_surrogate_key(['targets.document_id', 'targets.source_file', 'targets.source_line',
                              'targets.span_start']) }} as target_id,
        case
            when targets.parent_span_start is not null
                then {{ ntp_surrogate_key(['targets.document_id', 'targets.source_file', 'targets.source_line',
                                           'targets.parent_span_start']) }}
        end as parent_target_id,
        targets.*
    from targets

),

final as (

    select
        keyed.*,
        unit_variants.unit_code,
        units.quantity_kind,
        {{ ntp_area_resolution('keyed', 'keyed.admin_level') }}
    from keyed
    left join unit_variants
        on keyed.unit_raw = unit_variants.unit_raw
    left join units
        on unit_variants.unit_code = units.unit_code
    left join documents
        on keyed.document_id = documents.document_id
    {{ ntp_area_key_joins('area_keys', 'keyed.area_name', 'keyed.province_code', 'documents.area_district_code') }}

)

select * from final
