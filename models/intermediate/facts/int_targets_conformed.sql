{#- Targets with stable ids, the id of the figure they break down (district parts of a province figure), and
    their unit conformed to the reference list of units. -#}
with

targets as (

    select * from {{ ref('stg_extracted__targets') }}

),

unit_variants as (

    select * from {{ ref('stg_reference__unit_variants') }}

),

units as (

    select * from {{ ref('stg_reference__units') }}

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
        units.quantity_kind
    from keyed
    left join unit_variants
        on keyed.unit_raw = unit_variants.unit_raw
    left join units
        on unit_variants.unit_code = units.unit_code

)

select * from final
